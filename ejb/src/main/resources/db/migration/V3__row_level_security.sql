-- Walls inside the database, behind EclipseLink's tenant filter:
--   * the server connects as the application role ${appRole}, which owns nothing, cannot change the schema and gets
--     only the data grants it needs; migrations (and the demo seeder) run as the schema's owner, the user running
--     this script;
--   * row-level security on every table with a tenant_id: a session sees and writes only the rows of the tenant in
--     the transaction-local setting zenmoon.tenant_id (set by the server's TenantInterceptor, through
--     JpaTenantBinding), and with no tenant set it sees no row and can write none;
--   * audit rows can be inserted and read, never changed or deleted.
--
-- Not walled, on purpose: app_user (an account is looked up by user name at log-in, before any tenant is known, and
-- a platform admin has no tenant), tenant (read at log-in and by platform jobs) and model_version (shared by all
-- tenants). The owner is not subject to row-level security (no FORCE): migrations, the demo seeder and
-- zenmoon_ensure_epoch_partitions work on every tenant's rows.
--
-- The setting zenmoon.tenant_id can be set by any session: the policies guard against a query that forgets its
-- tenant, not against SQL the application role runs on purpose.

-- The application role: created (without log-in) if missing, never a superuser, never BYPASSRLS, never a member of
-- the owner. When the server and the migrations share one account (an external database without an owner account),
-- that account owns the tables and no policy restricts it: the launcher warns about that set-up.
DO $$
DECLARE
    app text := '${appRole}';
BEGIN
    IF app = current_user THEN
        RAISE NOTICE 'the application role % owns the schema: row-level security does not restrict it', app;
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = app) THEN
        BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN', app);
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE EXCEPTION 'the application role % does not exist and % may not create it: create it first (CREATE ROLE % LOGIN PASSWORD ...)',
                app, current_user, app;
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = app AND (rolsuper OR rolbypassrls)) THEN
        RAISE EXCEPTION 'the application role % is a superuser or bypasses row-level security: it must not', app;
    END IF;
    IF pg_has_role(app, current_user, 'USAGE') THEN
        RAISE EXCEPTION 'the application role % is a member of the schema owner %: it must not be', app, current_user;
    END IF;
END $$;

-- Walls one tenant-owned table: row-level security with the policy tenant_wall. Later migrations call it for each
-- new table with a tenant_id (SchemaWallsTest fails the build for a table without it).
CREATE FUNCTION zenmoon_wall_tenant_table(tbl regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('DROP POLICY IF EXISTS tenant_wall ON %s', tbl);
    -- NULLIF: once a session has set the transaction-local value, it reads back as '' after the transaction.
    EXECUTE format('CREATE POLICY tenant_wall ON %s '
                   'USING (tenant_id = NULLIF(current_setting(''zenmoon.tenant_id'', true), '''')) '
                   'WITH CHECK (tenant_id = NULLIF(current_setting(''zenmoon.tenant_id'', true), ''''))', tbl);
END $$;
REVOKE EXECUTE ON FUNCTION zenmoon_wall_tenant_table(regclass) FROM PUBLIC;

-- Every table and partition of this schema with a tenant_id, but app_user. A query through the partitioned epoch
-- uses epoch's policy; a query that names a partition uses the partition's own, so partitions are walled too.
DO $$
DECLARE
    t regclass;
BEGIN
    FOR t IN
        SELECT c.oid::regclass FROM pg_class c
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
        WHERE c.relnamespace = current_schema()::text::regnamespace AND c.relkind IN ('r', 'p') AND c.relname <> 'app_user'
    LOOP
        PERFORM zenmoon_wall_tenant_table(t);
    END LOOP;
END $$;

-- Creates month partitions of epoch (see V1). Now also for the application role, which may not create tables: it
-- runs as its owner (SECURITY DEFINER, with a fixed search path so that no caller's schema shadows a table), and
-- walls each new partition like the others.
CREATE OR REPLACE FUNCTION zenmoon_ensure_epoch_partitions(from_t timestamptz, to_t timestamptz) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    month_start timestamptz := date_trunc('month', from_t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    month_end   timestamptz;
    part_name   text;
    created     integer := 0;
BEGIN
    -- The application role may call this: it cannot make thousands of tables in one call.
    IF to_t > from_t + interval '10 years' THEN
        RAISE EXCEPTION 'epoch partitions are made for at most 10 years at a time' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    WHILE month_start < to_t LOOP
        month_end := month_start + interval '1 month';
        part_name := 'epoch_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY_MM');
        IF to_regclass(part_name) IS NULL THEN
            -- Rows that went to the default partition for this month move into the new one,
            -- otherwise attaching it would fail.
            EXECUTE format('CREATE TABLE %I (LIKE epoch INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part_name);
            PERFORM zenmoon_wall_tenant_table(part_name::regclass);
            EXECUTE format('INSERT INTO %I SELECT * FROM epoch_default WHERE t >= %L AND t < %L',
                           part_name, month_start, month_end);
            EXECUTE format('DELETE FROM epoch_default WHERE t >= %L AND t < %L', month_start, month_end);
            EXECUTE format('ALTER TABLE epoch ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                           part_name, month_start, month_end);
            created := created + 1;
        END IF;
        month_start := month_end;
    END LOOP;
    RETURN created;
END $$;

DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION zenmoon_ensure_epoch_partitions(timestamptz, timestamptz) SET search_path = %I, pg_temp',
                   current_schema());
END $$;
REVOKE EXECUTE ON FUNCTION zenmoon_ensure_epoch_partitions(timestamptz, timestamptz) FROM PUBLIC;

-- Audit rows are evidence: nobody changes or deletes them, whatever the grants say.
CREATE FUNCTION zenmoon_refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is insert-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_event_insert_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION zenmoon_refuse_audit_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION zenmoon_refuse_audit_change();

-- The application role's grants: data only, on this schema's tables and those of later migrations (default
-- privileges of the owner); audit rows insert-only; the schema history read-only (readiness reads it); no DDL.
DO $$
DECLARE
    app    text := '${appRole}';
    schema text := current_schema();
BEGIN
    IF app = current_user THEN
        RETURN;
    END IF;
    -- PostgreSQL 15 and later no longer let everybody create tables in public; older ones do, unless revoked.
    IF EXISTS (SELECT FROM pg_namespace WHERE nspname = schema AND pg_has_role(current_user, nspowner, 'USAGE')) THEN
        EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', schema);
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', schema, app);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', schema, app);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM %I', app);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON flyway_schema_history FROM %I', app);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', schema, app);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
                   schema, app);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO %I', schema, app);
    EXECUTE format('GRANT EXECUTE ON FUNCTION zenmoon_ensure_epoch_partitions(timestamptz, timestamptz) TO %I', app);
    IF has_schema_privilege(app, schema, 'CREATE') THEN
        RAISE EXCEPTION 'the application role % may create objects in schema %: revoke that (REVOKE CREATE ON SCHEMA % FROM PUBLIC, %)',
            app, schema, schema, app;
    END IF;
END $$;

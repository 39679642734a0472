-- Issue 11: retention and the erasure that a withdrawn consent schedules, both carried out by the nightly
-- `retention` job (docs/SECURITY.md, "Retention and scheduled erasure").
--
-- A withdrawn consent's erasure is carried out once, when it falls due: the consent then records when.
ALTER TABLE consent ADD COLUMN erased_at timestamptz;
DROP INDEX IF EXISTS consent_erasure_due;
CREATE INDEX consent_erasure_due ON consent (tenant_id, child_id, erasure_due_at)
    WHERE erasure_due_at IS NOT NULL AND erased_at IS NULL;

-- Drops the month partitions of epoch whose every minute is older than every tenant's retention period, so that a
-- whole expired month goes at once instead of row by row. Security definer, like zenmoon_ensure_epoch_partitions:
-- the application role may not drop tables, and it sees one tenant at a time. The caller chooses nothing: the
-- cut-off comes from the tenants' own retention days (the longest wins), so no call can drop data that a tenant
-- still keeps. A month the nightly upkeep would make again (it makes partitions from a month back) is left to the
-- per-child deletes. When a partition cannot be locked within a few seconds (an upload or a long read holds it), it
-- and the rest are left for the next night. Returns the names of the partitions dropped.
CREATE FUNCTION zenmoon_drop_expired_epoch_partitions() RETURNS SETOF text
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    today  timestamptz := date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    cutoff timestamptz;
    part   record;
    ends_at timestamptz;
BEGIN
    SELECT min(today - make_interval(days => retention_days)) INTO cutoff FROM tenant;
    IF cutoff IS NULL THEN
        RETURN;
    END IF;
    cutoff := least(cutoff, date_trunc('month', (now() - interval '31 days') AT TIME ZONE 'UTC') AT TIME ZONE 'UTC');
    -- One call at a time (each tenant's run calls it); the next finds the partitions gone.
    PERFORM pg_advisory_xact_lock(hashtext('zenmoon_drop_expired_epoch_partitions'));
    PERFORM set_config('lock_timeout', '5s', true);
    FOR part IN
        SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound
          FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'epoch'::regclass
         ORDER BY c.relname
    LOOP
        -- FOR VALUES FROM ('...') TO ('...'); the default partition has no upper bound and stays.
        ends_at := substring(part.bound FROM 'TO \(''([^'']+)''\)')::timestamptz;
        CONTINUE WHEN ends_at IS NULL OR ends_at > cutoff;
        BEGIN
            EXECUTE format('DROP TABLE %I', part.relname);
            RETURN NEXT part.relname;
        EXCEPTION
            WHEN lock_not_available OR deadlock_detected THEN
                -- Each wait queues every upload and read of epoch behind it: one is enough for tonight.
                RAISE NOTICE 'epoch partition % is in use: left for the next run', part.relname;
                EXIT;
            WHEN undefined_table THEN
                NULL; -- dropped meanwhile
        END;
    END LOOP;
END $$;
DO $$
DECLARE
    app text := '${appRole}';
BEGIN
    EXECUTE format('ALTER FUNCTION zenmoon_drop_expired_epoch_partitions() SET search_path = %I, pg_temp',
                   current_schema());
    EXECUTE 'REVOKE EXECUTE ON FUNCTION zenmoon_drop_expired_epoch_partitions() FROM PUBLIC';
    IF app <> current_user THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION zenmoon_drop_expired_epoch_partitions() TO %I', app);
    END IF;
END $$;

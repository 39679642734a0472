-- Issue 13: the analysis jobs run over stored data, restartably.
--
-- A job run is one job over one tenant's children, as an admin (or the nightly schedule, in that admin's name)
-- asked for it. The batch runtime executes it; a run that was stopped, failed or was cut off by a crash is resumed
-- as the same run by a new execution. Its partitions are ranges of the tenant's children in id order, fixed when
-- the run starts; each partition's checkpoint (the last child done) moves in the same transaction as the results
-- of that chunk, so that a resumed run neither repeats a committed chunk's work nor loses an uncommitted one.

CREATE SEQUENCE job_run_id;

CREATE TABLE job_run (
    tenant_id     varchar(36)  NOT NULL,
    id            bigint       NOT NULL,
    job_name      varchar(32)  NOT NULL,
    status        varchar(16)  NOT NULL
        CHECK (status IN ('STARTING', 'STARTED', 'STOPPING', 'STOPPED', 'FAILED', 'COMPLETED')),
    execution_id  bigint,
    started_by    varchar(36)  NOT NULL,
    trigger       varchar(16)  NOT NULL CHECK (trigger IN ('api', 'schedule', 'recovery')),
    started_at    timestamptz  NOT NULL,
    ended_at      timestamptz,
    heartbeat_at  timestamptz  NOT NULL,
    attempts      integer      NOT NULL DEFAULT 1 CHECK (attempts >= 1),
    exit_status   varchar(200),
    PRIMARY KEY (tenant_id, id)
);
-- A job never runs twice at once for the same tenant.
CREATE UNIQUE INDEX job_run_one_at_a_time ON job_run (tenant_id, job_name)
    WHERE status IN ('STARTING', 'STARTED', 'STOPPING');
CREATE INDEX job_run_recent ON job_run (tenant_id, started_at DESC);

CREATE TABLE job_partition (
    tenant_id     varchar(36)  NOT NULL,
    run_id        bigint       NOT NULL,
    partition     integer      NOT NULL CHECK (partition >= 0),
    first_child   varchar(36)  NOT NULL,
    last_child    varchar(36)  NOT NULL,
    total         integer      NOT NULL CHECK (total >= 0),
    done_through  varchar(36),
    read_count    integer      NOT NULL DEFAULT 0 CHECK (read_count >= 0),
    written_count integer      NOT NULL DEFAULT 0 CHECK (written_count >= 0),
    skipped_count integer      NOT NULL DEFAULT 0 CHECK (skipped_count >= 0),
    -- Where the time went: reading the children's data, the engines, storing the results (milliseconds).
    read_ms       bigint       NOT NULL DEFAULT 0 CHECK (read_ms >= 0),
    compute_ms    bigint       NOT NULL DEFAULT 0 CHECK (compute_ms >= 0),
    write_ms      bigint       NOT NULL DEFAULT 0 CHECK (write_ms >= 0),
    PRIMARY KEY (tenant_id, run_id, partition),
    FOREIGN KEY (tenant_id, run_id) REFERENCES job_run (tenant_id, id) ON DELETE CASCADE
);

SELECT zenmoon_wall_tenant_table('job_run');
SELECT zenmoon_wall_tenant_table('job_partition');

-- Runs whose server stopped sending heartbeats (killed, or lost), in every tenant, for the instance that resumes
-- them at start-up. Security definer, like zenmoon_ensure_epoch_partitions: the application role sees one tenant at
-- a time, and this is the only cross-tenant question it may ask; it returns identifiers only.
CREATE FUNCTION zenmoon_stale_job_runs(older_than timestamptz)
    RETURNS TABLE (tenant_id varchar, run_id bigint, job_name varchar, started_by varchar, execution_id bigint)
LANGUAGE sql SECURITY DEFINER AS $$
    SELECT r.tenant_id, r.id, r.job_name, r.started_by, r.execution_id
      FROM job_run r
     WHERE r.status IN ('STARTING', 'STARTED', 'STOPPING') AND r.heartbeat_at < older_than
     ORDER BY r.started_at
$$;
DO $$
DECLARE
    app text := '${appRole}';
BEGIN
    EXECUTE format('ALTER FUNCTION zenmoon_stale_job_runs(timestamptz) SET search_path = %I, pg_temp', current_schema());
    EXECUTE 'REVOKE EXECUTE ON FUNCTION zenmoon_stale_job_runs(timestamptz) FROM PUBLIC';
    IF app <> current_user THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION zenmoon_stale_job_runs(timestamptz) TO %I', app);
    END IF;
END $$;

-- Results are written idempotently: one row per child (or cohort), kind and period, replaced when a job computes
-- it again. The period is the day (in the tenant's time) the data ran up to; older periods stay as history.
ALTER TABLE analysis_result ADD COLUMN period varchar(32);
UPDATE analysis_result SET period = to_char(computed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD');
DELETE FROM analysis_result a
 USING analysis_result b
 WHERE a.tenant_id = b.tenant_id AND a.kind = b.kind AND a.period = b.period
   AND a.child_id IS NOT DISTINCT FROM b.child_id AND a.cohort_id IS NOT DISTINCT FROM b.cohort_id
   AND (a.computed_at, a.id) < (b.computed_at, b.id);
ALTER TABLE analysis_result ALTER COLUMN period SET NOT NULL;
ALTER TABLE analysis_result ALTER COLUMN period SET DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD');
CREATE UNIQUE INDEX analysis_result_once ON analysis_result
    (tenant_id, (COALESCE(child_id, '')), (COALESCE(cohort_id, '')), kind, period);

-- The nightly schedule runs each tenant's jobs at night in the tenant's own time.
ALTER TABLE tenant ADD COLUMN time_zone varchar(64) NOT NULL DEFAULT 'UTC';

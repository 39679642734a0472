-- Issue 16, the cohort dashboard: each child's epochs summed per 12-hour bin (midnight to noon and noon to midnight,
-- UTC), so that the dashboard reads some 70 rows per child for its 35 days instead of some 47,500 minutes.
--
-- The sums are kept true by the writers of epochs, in the transaction that writes them (EpochBulkInsert): an insert
-- adds the rows it actually inserted to their bins in the same statement, ordered by bin; completing stored minutes
-- (Open mHealth) sums their bins again from the epochs. A rolled-back upload leaves neither epochs nor sums. Like
-- epoch (V6), no foreign key to child: the bins exist exactly where epochs do, and erasure deletes the child's bins
-- like every table with a child_id (JpaChildRecordRepository). The application role gets its grants through V3's
-- default privileges.
CREATE TABLE epoch_bin (
    tenant_id   varchar(36)      NOT NULL,
    child_id    varchar(36)      NOT NULL,
    -- The bin's start: date_bin('12 hours', t, timestamptz '2000-01-01 00:00:00+00') of its epochs.
    h           timestamptz      NOT NULL,
    minutes     integer          NOT NULL CHECK (minutes >= 1),
    stress_n    integer          NOT NULL,
    -- Sums of real (float4) values as double precision, as the figures always summed them. A sum of up to 50,400
    -- such values (35 days of minutes) is exact, whatever the order of adding, when every value is 0 or at least
    -- 2^-14 (hr always is); a smaller stress value may change the last bits of a double, as the order of a scan did.
    stress_sum  double precision NOT NULL,
    hr_n        integer          NOT NULL,
    hr_sum      double precision NOT NULL,
    -- Minutes with a sleep state of SLEEP or WAKE, and of SLEEP.
    scored      integer          NOT NULL,
    asleep      integer          NOT NULL,
    first_t     timestamptz      NOT NULL,
    last_t      timestamptz      NOT NULL,
    PRIMARY KEY (tenant_id, child_id, h)
);

SELECT zenmoon_wall_tenant_table('epoch_bin');

-- The sums of the epochs stored so far. Uploads of a server still running the old version wait until the migration
-- commits (readers do not): an epoch committed after the snapshot would otherwise never be summed.
LOCK TABLE epoch IN SHARE MODE;
INSERT INTO epoch_bin (tenant_id, child_id, h, minutes, stress_n, stress_sum, hr_n, hr_sum, scored, asleep,
                       first_t, last_t)
SELECT e.tenant_id, e.child_id, date_bin('12 hours', e.t, timestamptz '2000-01-01 00:00:00+00') AS h,
       count(*), count(e.stress), coalesce(sum(e.stress::float8), 0), count(e.hr), coalesce(sum(e.hr::float8), 0),
       count(*) FILTER (WHERE e.sleep_state IN ('SLEEP', 'WAKE')), count(*) FILTER (WHERE e.sleep_state = 'SLEEP'),
       min(e.t), max(e.t)
FROM epoch e
GROUP BY e.tenant_id, e.child_id, h;

ANALYZE epoch_bin;

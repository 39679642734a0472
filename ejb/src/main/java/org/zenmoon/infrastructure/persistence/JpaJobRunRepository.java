package org.zenmoon.infrastructure.persistence;

import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.instant;
import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.nativeQuery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.zenmoon.domain.model.job.JobPartition;
import org.zenmoon.domain.model.job.JobRun;
import org.zenmoon.domain.model.job.JobRunRepository;
import org.zenmoon.domain.model.job.JobStatus;
import org.zenmoon.domain.model.job.StaleRun;

@ApplicationScoped
public class JpaJobRunRepository implements JobRunRepository {

    private static final String RUN_COLUMNS = "r.id, r.job_name, r.status, r.execution_id, r.started_by, r.trigger,"
            + " r.started_at, r.ended_at, r.heartbeat_at, r.attempts, r.exit_status,"
            + " COALESCE(sum(p.total), 0), COALESCE(sum(p.read_count), 0), COALESCE(sum(p.written_count), 0),"
            + " COALESCE(sum(p.skipped_count), 0), COALESCE(sum(p.read_ms), 0), COALESCE(sum(p.compute_ms), 0),"
            + " COALESCE(sum(p.write_ms), 0)";

    private static final String RUN_FROM = " FROM job_run r LEFT JOIN job_partition p"
            + " ON p.tenant_id = r.tenant_id AND p.run_id = r.id WHERE r.tenant_id = ?1";

    private static final String RUN_GROUP = " GROUP BY r.tenant_id, r.id";

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public long nextId() {
        return TenantScopedQueries.nextValue(em, "job_run_id");
    }

    @Override
    public boolean create(JobRun run, List<JobPartition> partitions, java.util.Collection<String> notBeside) {
        lockTenantRuns();
        if (!notBeside.isEmpty()) {
            Number beside = (Number) nativeQuery(
                            em,
                            "SELECT count(*) FROM job_run WHERE tenant_id = ?1"
                                    + " AND status IN ('STARTING', 'STARTED', 'STOPPING')"
                                    + " AND job_name = ANY (string_to_array(?2, ','))")
                    .setParameter(2, String.join(",", notBeside))
                    .getSingleResult();
            if (beside.longValue() > 0) {
                return false;
            }
        }
        int inserted = nativeQuery(
                        em,
                        "INSERT INTO job_run (tenant_id, id, job_name, status, started_by, trigger, started_at,"
                                + " heartbeat_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)"
                                + " ON CONFLICT (tenant_id, job_name)"
                                + " WHERE status IN ('STARTING', 'STARTED', 'STOPPING') DO NOTHING")
                .setParameter(2, run.id())
                .setParameter(3, run.jobName())
                .setParameter(4, run.status().name())
                .setParameter(5, run.startedBy())
                .setParameter(6, run.trigger())
                .setParameter(7, Timestamp.from(run.startedAt()))
                .executeUpdate();
        if (inserted == 0) {
            return false;
        }
        for (JobPartition p : partitions) {
            nativeQuery(
                            em,
                            "INSERT INTO job_partition (tenant_id, run_id, partition, first_child, last_child, total)"
                                    + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                    .setParameter(2, run.id())
                    .setParameter(3, p.partition())
                    .setParameter(4, p.firstChild())
                    .setParameter(5, p.lastChild())
                    .setParameter(6, p.total())
                    .executeUpdate();
        }
        return true;
    }

    @Override
    public Optional<JobRun> find(long runId) {
        List<?> rows = nativeQuery(em, "SELECT " + RUN_COLUMNS + RUN_FROM + " AND r.id = ?2" + RUN_GROUP)
                .setParameter(2, runId)
                .getResultList();
        return rows.stream().map(r -> run((Object[]) r)).findFirst();
    }

    @Override
    public List<JobRun> recent(int limit) {
        return nativeQuery(
                        em,
                        "SELECT " + RUN_COLUMNS + RUN_FROM + RUN_GROUP
                                + " ORDER BY r.started_at DESC, r.id DESC LIMIT ?2")
                .setParameter(2, limit)
                .getResultList()
                .stream()
                .map(r -> run((Object[]) r))
                .toList();
    }

    @Override
    public List<JobPartition> partitions(long runId) {
        return nativeQuery(
                        em,
                        "SELECT partition, first_child, last_child, total, done_through, read_count, written_count,"
                                + " skipped_count FROM job_partition WHERE tenant_id = ?1 AND run_id = ?2"
                                + " ORDER BY partition")
                .setParameter(2, runId)
                .getResultList()
                .stream()
                .map(o -> {
                    Object[] r = (Object[]) o;
                    return new JobPartition(
                            runId,
                            ((Number) r[0]).intValue(),
                            (String) r[1],
                            (String) r[2],
                            ((Number) r[3]).intValue(),
                            (String) r[4],
                            ((Number) r[5]).intValue(),
                            ((Number) r[6]).intValue(),
                            ((Number) r[7]).intValue());
                })
                .toList();
    }

    @Override
    public void started(long runId, long executionId, Instant now) {
        nativeQuery(
                        em,
                        // A run that ended (or was stopped) before its starter got here keeps that status.
                        "UPDATE job_run SET execution_id = ?3, heartbeat_at = ?4,"
                                + " status = CASE WHEN status = 'STARTING' THEN 'STARTED' ELSE status END"
                                + " WHERE tenant_id = ?1 AND id = ?2")
                .setParameter(2, runId)
                .setParameter(3, executionId)
                .setParameter(4, Timestamp.from(now))
                .executeUpdate();
    }

    @Override
    public boolean status(long runId, JobStatus status, String exitStatus, Instant now) {
        boolean ended = !JobStatus.ACTIVE.contains(status);
        return nativeQuery(
                                em,
                                "UPDATE job_run SET status = ?3, exit_status = COALESCE(?4, exit_status),"
                                        + " heartbeat_at = ?5, ended_at = CASE WHEN ?6 THEN ?5 ELSE ended_at END"
                                        + " WHERE tenant_id = ?1 AND id = ?2"
                                        // Asking to stop a run that has ended changes nothing.
                                        + " AND (?3 <> 'STOPPING' OR status IN ('STARTING', 'STARTED'))")
                        .setParameter(2, runId)
                        .setParameter(3, status.name())
                        .setParameter(4, exitStatus == null ? null : truncate(exitStatus))
                        .setParameter(5, Timestamp.from(now))
                        .setParameter(6, ended)
                        .executeUpdate()
                == 1;
    }

    @Override
    public boolean abandonIfStale(long runId, Instant olderThan, String reason, Instant now) {
        return nativeQuery(
                                em,
                                "UPDATE job_run SET status = CASE WHEN status = 'STOPPING' THEN 'STOPPED' ELSE 'FAILED'"
                                        + " END, exit_status = ?3, ended_at = ?4, heartbeat_at = ?4"
                                        + " WHERE tenant_id = ?1 AND id = ?2"
                                        + " AND status IN ('STARTING', 'STARTED', 'STOPPING') AND heartbeat_at < ?5")
                        .setParameter(2, runId)
                        .setParameter(3, reason)
                        .setParameter(4, Timestamp.from(now))
                        .setParameter(5, Timestamp.from(olderThan))
                        .executeUpdate()
                == 1;
    }

    /**
     * The tenant's runs are opened and resumed one at a time (the lock lasts until the transaction ends), so that a
     * run of a job that must not run beside another, made active at the same moment, is seen; a second active run of
     * the same job is refused by the unique index (V8) as well.
     */
    private void lockTenantRuns() {
        nativeQuery(em, "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('job_run:' || ?1))) l")
                .getSingleResult();
    }

    @Override
    public boolean resume(long runId, String trigger, Instant now, java.util.Collection<String> notBeside) {
        lockTenantRuns();
        // The partial unique index refuses a second active run of the job, the NOT EXISTS one of a job it may not run
        // beside too; the WHERE refuses a run that is active or completed. Either way no row changes.
        return nativeQuery(
                                em,
                                "UPDATE job_run r SET status = 'STARTING', attempts = r.attempts + 1, trigger = ?3,"
                                        + " heartbeat_at = ?4, ended_at = NULL, exit_status = NULL"
                                        + " WHERE r.tenant_id = ?1 AND r.id = ?2 AND r.status IN ('STOPPED', 'FAILED')"
                                        + " AND NOT EXISTS (SELECT 1 FROM job_run o WHERE o.tenant_id = r.tenant_id"
                                        + " AND (o.job_name = r.job_name OR o.job_name = ANY (string_to_array(?5, ',')))"
                                        + " AND o.id <> r.id"
                                        + " AND o.status IN ('STARTING', 'STARTED', 'STOPPING'))")
                        .setParameter(2, runId)
                        .setParameter(3, trigger)
                        .setParameter(4, Timestamp.from(now))
                        .setParameter(5, String.join(",", notBeside))
                        .executeUpdate()
                == 1;
    }

    @Override
    public void checkpoint(
            long runId,
            int partition,
            String doneThrough,
            int read,
            int written,
            int skipped,
            JobRun.Timings spent,
            Instant now) {
        nativeQuery(
                        em,
                        "UPDATE job_partition SET done_through = COALESCE(?4, done_through),"
                                + " read_count = read_count + ?5, written_count = written_count + ?6,"
                                + " skipped_count = skipped_count + ?7, read_ms = read_ms + ?8,"
                                + " compute_ms = compute_ms + ?9, write_ms = write_ms + ?10"
                                + " WHERE tenant_id = ?1 AND run_id = ?2 AND partition = ?3")
                .setParameter(2, runId)
                .setParameter(3, partition)
                .setParameter(4, doneThrough)
                .setParameter(5, read)
                .setParameter(6, written)
                .setParameter(7, skipped)
                .setParameter(8, spent.readMs())
                .setParameter(9, spent.computeMs())
                .setParameter(10, spent.writeMs())
                .executeUpdate();
        nativeQuery(em, "UPDATE job_run SET heartbeat_at = ?3 WHERE tenant_id = ?1 AND id = ?2")
                .setParameter(2, runId)
                .setParameter(3, Timestamp.from(now))
                .executeUpdate();
    }

    @Override
    public List<StaleRun> stale(Instant olderThan) {
        return TenantScopedQueries.staleJobRuns(em, olderThan).stream()
                .map(r -> new StaleRun(
                        (String) r[0],
                        ((Number) r[1]).longValue(),
                        (String) r[2],
                        (String) r[3],
                        r[4] == null ? null : ((Number) r[4]).longValue()))
                .toList();
    }

    private static JobRun run(Object[] r) {
        return new JobRun(
                ((Number) r[0]).longValue(),
                (String) r[1],
                JobStatus.valueOf((String) r[2]),
                r[3] == null ? null : ((Number) r[3]).longValue(),
                (String) r[4],
                (String) r[5],
                instant(r[6]),
                instant(r[7]),
                instant(r[8]),
                ((Number) r[9]).intValue(),
                (String) r[10],
                ((Number) r[11]).intValue(),
                ((Number) r[12]).intValue(),
                ((Number) r[13]).intValue(),
                ((Number) r[14]).intValue(),
                new JobRun.Timings(
                        ((Number) r[15]).longValue(), ((Number) r[16]).longValue(), ((Number) r[17]).longValue()));
    }

    private static String truncate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }
}

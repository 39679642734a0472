package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #13's crash test: the server is killed (SIGKILL) while the causal-effects job is halfway through the school;
 * after the restart the run resumes by itself from its partitions' checkpoints and completes, with every child's
 * results stored exactly once and none half-written (a child's effects and daily records commit together).
 */
class JobCrashIT {

    @Test
    void aJobKilledHalfwayResumesFromItsCheckpointsAndCompletesOnce() throws Exception {
        Http http = new Http(SharedServer.get().baseUrl());
        String admin = http.token("school.admin");
        Http.Reply started = http.post("/api/v1/admin/jobs/causal-effects", "", admin);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.object().getString("executionId");

        JsonObject before = null;
        for (int i = 0; i < 2400; i++) {
            before = http.get("/api/v1/admin/jobs/" + id, admin).object();
            if (before.getInt("read") >= 5 || !JobsIT.active(before)) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(before.getString("status"))
                .as("still running when killed: " + before)
                .isEqualTo("STARTED");
        int doneBeforeKill = before.getInt("read");
        assertThat(doneBeforeKill).isBetween(1, JobsIT.SCHOOL_CHILDREN_ANALYSED - 1);
        long killedAt = System.nanoTime();
        SharedServer.get().killServerHard();

        http = new Http(SharedServer.get().baseUrl());
        admin = http.token("school.admin");
        JsonObject after = null;
        for (int i = 0; i < 1200; i++) {
            after = http.get("/api/v1/admin/jobs/" + id, admin).object();
            if (after.getString("status").equals("COMPLETED")) {
                break;
            }
            Thread.sleep(250);
        }
        long recoveryMs = (System.nanoTime() - killedAt) / 1_000_000;
        assertThat(after.getString("status")).as(after.toString()).isEqualTo("COMPLETED");
        assertThat(after.getString("trigger")).isEqualTo("recovery");
        assertThat(after.getInt("attempts")).isEqualTo(2);
        // Each child counted once: the children of committed chunks were not analysed again.
        assertThat(after.getInt("read")).isEqualTo(JobsIT.SCHOOL_CHILDREN_ANALYSED);
        assertThat(after.getInt("written")).isEqualTo(JobsIT.SCHOOL_CHILDREN_ANALYSED);

        try (Connection db = SharedServer.ownerConnection();
                Statement st = db.createStatement()) {
            // One result of each kind per child and day: no duplicate from the chunk that was cut off.
            try (ResultSet rs = st.executeQuery("SELECT child_id, kind, period FROM analysis_result"
                    + " WHERE child_id IS NOT NULL GROUP BY 1, 2, 3 HAVING count(*) > 1")) {
                assertThat(rs.next()).as("a result stored twice").isFalse();
            }
            // Nothing half-written: every child with today's effects has today's daily records, and the other way.
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (SELECT child_id, period FROM analysis_result"
                    + " WHERE kind = 'causal_effects' AND child_id IS NOT NULL"
                    + " GROUP BY 1, 2 HAVING count(*) FILTER (WHERE kind = 'causal_effects') <> 1) x")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM analysis_result e WHERE e.kind = 'causal_effects'"
                    + " AND e.child_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM analysis_result d"
                    + " WHERE d.tenant_id = e.tenant_id AND d.child_id = e.child_id AND d.period = e.period"
                    + " AND d.kind = 'daily_records')")) {
                rs.next();
                assertThat(rs.getLong(1))
                        .as("effects without their daily records")
                        .isZero();
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.write(
                Path.of("target", "job-crash-summary.txt"),
                List.of(
                        "job:                          causal-effects, school tenant",
                        "children done before the kill: " + doneBeforeKill + " of " + JobsIT.SCHOOL_CHILDREN_ANALYSED,
                        "kill to completion:            " + recoveryMs
                                + " ms (server restart, 15 s stale-after, rest of the run)",
                        "attempts:                      " + after.getInt("attempts"),
                        "read / written / skipped:      " + after.getInt("read") + " / " + after.getInt("written")
                                + " / " + after.getInt("skipped")));
    }
}

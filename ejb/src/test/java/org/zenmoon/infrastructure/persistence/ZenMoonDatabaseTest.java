package org.zenmoon.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Readiness waits while the run command writes the demo data beside the server's start. */
class ZenMoonDatabaseTest {

    @Test
    void theDemoDataIsBeingWrittenExactlyWhileTheLauncherHoldsItsLock() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            ZenMoonDatabase database = new ZenMoonDatabase();
            database.dataSource = pg.getPostgresDatabase();
            assertThat(database.demoDataBeingWritten())
                    .as("before the launcher locks")
                    .isFalse();
            try (Connection launcher = pg.getPostgresDatabase().getConnection();
                    Statement s = launcher.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + ZenMoonDatabase.DEMO_DATA_LOCK + ")");
                assertThat(database.demoDataBeingWritten())
                        .as("while the launcher writes")
                        .isTrue();
                assertThat(database.demoDataBeingWritten()).as("asked again").isTrue();
            }
            // The launcher's session ended (the demo committed, or the launcher stopped): ready again, and the looks
            // left no lock behind that would hold up the next writer.
            assertThat(database.demoDataBeingWritten())
                    .as("after the launcher's session ended")
                    .isFalse();
            try (Connection next = pg.getPostgresDatabase().getConnection();
                    Statement s = next.createStatement();
                    var rs = s.executeQuery("SELECT pg_try_advisory_lock(" + ZenMoonDatabase.DEMO_DATA_LOCK + ")")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("the lock free for a writer").isTrue();
            }
        }
    }
}

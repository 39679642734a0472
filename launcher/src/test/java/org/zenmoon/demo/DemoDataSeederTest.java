package org.zenmoon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Demo data goes only into an empty database: an IT admin's tenants are never mixed with demo accounts. */
class DemoDataSeederTest {

    @Test
    void aDatabaseWithTenantsIsLeftAlone() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            Flyway.configure()
                    .dataSource(pg.getPostgresDatabase())
                    .locations("classpath:db/migration")
                    .placeholders(java.util.Map.of("appRole", "zenmoon_app"))
                    .load()
                    .migrate();
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute(
                        "INSERT INTO tenant (id, name, kind, legal_regime, retention_days) VALUES ('t1', 'School', 'SCHOOL', 'FERPA', 365)");
                DemoDataSeeder.Result r =
                        DemoDataSeeder.seedIfEmpty(c, 1, LocalDate.of(2026, 11, 1), "demo".toCharArray());
                assertThat(r.seeded()).isFalse();
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM app_user")) {
                    rs.next();
                    assertThat(rs.getInt(1))
                            .as("accounts after a refused seeding")
                            .isZero();
                }
            }
        }
    }
}

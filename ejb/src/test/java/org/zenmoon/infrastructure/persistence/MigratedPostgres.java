package org.zenmoon.infrastructure.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Function;
import org.flywaydb.core.Flyway;

/**
 * An embedded PostgreSQL migrated as the launcher migrates: the owner runs the migrations, and the server's
 * application role (which owns nothing) exists, for the tests of what the database itself does.
 */
final class MigratedPostgres {

    /** The server's application role. */
    static final String APP = "zenmoon_app";

    private MigratedPostgres() {}

    static EmbeddedPostgres start() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.start();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + APP + " LOGIN");
        }
        Flyway.configure()
                .dataSource(pg.getPostgresDatabase())
                .locations("classpath:db/migration")
                .placeholders(Map.of("appRole", APP))
                .load()
                .migrate();
        return pg;
    }

    /** One transaction of {@code emf} bound to {@code tenant}, as the tenant interceptor binds a service's. */
    static <T> T inTenant(EntityManagerFactory emf, String tenant, Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            TenantScopedQueries.bind(em, tenant);
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /** The server's persistence unit on {@code pg}, as the application role, with local transactions. */
    static EntityManagerFactory applicationUnit(EmbeddedPostgres pg) {
        return Persistence.createEntityManagerFactory(
                "zenmoon",
                Map.of(
                        "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                        "jakarta.persistence.jtaDataSource", "",
                        "jakarta.persistence.jdbc.driver", "org.postgresql.Driver",
                        "jakarta.persistence.jdbc.url", pg.getJdbcUrl(APP, "postgres"),
                        "jakarta.persistence.jdbc.user", APP,
                        "jakarta.persistence.jdbc.password", ""));
    }
}

package org.zenmoon.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.recommendation.RecommendationRepository.ArmCount;
import org.zenmoon.domain.model.recommendation.RecommendationRepository.ChildCount;

/**
 * The A/B test's counts on a real PostgreSQL, as the server's application role behind the tenant walls: per model
 * version since the test started, the answers grouped by child (what the cluster-robust test needs), agreeing with
 * the arm's totals; unanswered, older, other versions' and other tenants' recommendations left out.
 */
class JpaRecommendationRepositoryTest {

    static final Instant SINCE = Instant.parse("2026-03-02T08:00:00Z");

    static EmbeddedPostgres pg;
    static EntityManagerFactory emf;

    @BeforeAll
    static void data() throws Exception {
        pg = MigratedPostgres.start();
        emf = MigratedPostgres.applicationUnit(pg);
        StringBuilder sql = new StringBuilder();
        for (String t : List.of("t1", "t2")) {
            sql.append(("INSERT INTO tenant (id, name, kind, legal_regime, retention_days) VALUES"
                            + " ('@', 'School @', 'SCHOOL', 'FERPA', 365);"
                            + "INSERT INTO cohort (tenant_id, id, name, kind) VALUES ('@', 'h1', 'Class', 'CLASS');"
                            + "INSERT INTO child (tenant_id, id, pseudonym, birth_year, cohort_id) VALUES"
                            + " ('@', 'c1', 'Otter', 2015, 'h1'), ('@', 'c2', 'Heron', 2014, 'h1'),"
                            + " ('@', 'c3', 'Wren', 2013, 'h1');"
                            + "INSERT INTO model_version (tenant_id, id, name, version, status, onnx, feature_version,"
                            + " catalogue_version, parameters) VALUES"
                            + " ('@', 'm-@-1', 'recommender', 1, 'active', '\\x00', 1, 'v1', '{}'),"
                            + " ('@', 'm-@-2', 'recommender', 2, 'candidate', '\\x00', 1, 'v1', '{}');")
                    .replace("@", t));
        }
        // Tenant t1, version m-t1-1 since SINCE: c1 answered 3 (2 👍) and left one unanswered; c2 answered 2 (0 👍);
        // c3 answered only before SINCE and for the other version.
        rec(sql, "t1", "r1", "c1", "m-t1-1", 10, true);
        rec(sql, "t1", "r2", "c1", "m-t1-1", 20, true);
        rec(sql, "t1", "r3", "c1", "m-t1-1", 30, false);
        rec(sql, "t1", "r4", "c1", "m-t1-1", 40, null);
        rec(sql, "t1", "r5", "c2", "m-t1-1", 50, false);
        rec(sql, "t1", "r6", "c2", "m-t1-1", 60, false);
        rec(sql, "t1", "r7", "c3", "m-t1-1", -60, true);
        rec(sql, "t1", "r8", "c3", "m-t1-2", 70, true);
        // The other tenant's children under a version id of its own.
        rec(sql, "t2", "r1", "c1", "m-t2-1", 10, true);
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql.toString());
        }
    }

    static void rec(
            StringBuilder sql, String tenant, String id, String child, String version, int minutes, Boolean helpful) {
        Instant at = SINCE.plusSeconds(60L * minutes);
        sql.append("INSERT INTO recommendation (tenant_id, id, child_id, intervention, text, model_version, arm,"
                        + " created_at) VALUES ('")
                .append(tenant)
                .append("', '")
                .append(id)
                .append("', '")
                .append(child)
                .append("', 'box-breathing', 'Try box breathing', '")
                .append(version)
                .append("', 'control', '")
                .append(at)
                .append("');");
        if (helpful != null) {
            sql.append("INSERT INTO recommendation_feedback (tenant_id, recommendation_id, user_id, was_helpful,"
                            + " \"timestamp\") VALUES ('")
                    .append(tenant)
                    .append("', '")
                    .append(id)
                    .append("', 'u1', ")
                    .append(helpful)
                    .append(", '")
                    .append(at.plusSeconds(300))
                    .append("');");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        emf.close();
        pg.close();
    }

    static <T> T in(String tenant, Function<JpaRecommendationRepository, T> work) {
        return MigratedPostgres.inTenant(emf, tenant, em -> {
            JpaRecommendationRepository repository = new JpaRecommendationRepository();
            repository.em = em;
            return work.apply(repository);
        });
    }

    static List<ChildCount> perChild(String tenant, String version, Instant since) {
        return in(tenant, r -> r.countPerChild(version, since));
    }

    @Test
    void answersAreCountedPerChildAndAddUpToTheArm() {
        List<ChildCount> perChild = perChild("t1", "m-t1-1", SINCE);
        assertThat(perChild).containsExactlyInAnyOrder(new ChildCount(3, 2), new ChildCount(2, 0));
        ArmCount arm = in("t1", r -> r.count("m-t1-1", SINCE));
        assertThat(arm).isEqualTo(new ArmCount(6, 5, 2));
        assertThat(perChild.stream().mapToLong(ChildCount::answered).sum()).isEqualTo(arm.answered());
        assertThat(perChild.stream().mapToLong(ChildCount::helpful).sum()).isEqualTo(arm.helpful());
    }

    @Test
    void olderAnswersOtherVersionsAndOtherTenantsStayOut() {
        assertThat(perChild("t1", "m-t1-1", SINCE.minusSeconds(7200)))
                .as("from before the test: c3's earlier answer counts")
                .containsExactlyInAnyOrder(new ChildCount(3, 2), new ChildCount(2, 0), new ChildCount(1, 1));
        assertThat(perChild("t1", "m-t1-2", SINCE)).containsExactly(new ChildCount(1, 1));
        assertThat(perChild("t2", "m-t1-1", SINCE)).as("another tenant").isEmpty();
        assertThat(perChild("t1", "m-t2-1", SINCE))
                .as("another tenant's version")
                .isEmpty();
        assertThat(perChild("t2", "m-t2-1", SINCE)).containsExactly(new ChildCount(1, 1));
    }
}

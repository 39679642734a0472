package org.zenmoon.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.recommendation.SimilarSituation;
import org.zenmoon.domain.model.recommendation.SituationVector;

/**
 * The embedded vector store on a real PostgreSQL, through the application's persistence unit, as the server's
 * application role behind both tenant walls: exact cosine ranking, the helpful filter, replacement, the child and
 * tenant walls, and erasure (its own, and the child's erasure through the catalogue).
 */
class JpaVectorStoreTest {

    static final String APP = MigratedPostgres.APP;
    static final Instant T0 = Instant.parse("2026-03-02T08:15:00Z");

    static EmbeddedPostgres pg;
    static EntityManagerFactory emf;

    @BeforeAll
    static void migrate() throws Exception {
        pg = MigratedPostgres.start();
        // The server's persistence unit, with a local transaction instead of the container's.
        emf = MigratedPostgres.applicationUnit(pg);
    }

    @BeforeEach
    void children() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM situation_vector; DELETE FROM child; DELETE FROM cohort; DELETE FROM tenant");
            for (String t : List.of("t1", "t2")) {
                s.execute(("INSERT INTO tenant (id, name, kind, legal_regime, retention_days) VALUES"
                                + " ('@', 'School @', 'SCHOOL', 'FERPA', 365);"
                                + "INSERT INTO cohort (tenant_id, id, name, kind) VALUES ('@', 'h1', 'Class', 'CLASS');"
                                + "INSERT INTO child (tenant_id, id, pseudonym, birth_year, cohort_id) VALUES"
                                + " ('@', 'c1', 'Otter', 2015, 'h1'), ('@', 'c2', 'Heron', 2014, 'h1')")
                        .replace("@", t));
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        emf.close();
        pg.close();
    }

    /** One transaction bound to {@code tenant}, as the tenant interceptor binds a service's. */
    static <T> T in(String tenant, Function<JpaVectorStore, T> work) {
        return MigratedPostgres.inTenant(emf, tenant, em -> {
            JpaVectorStore store = new JpaVectorStore();
            store.em = em;
            return work.apply(store);
        });
    }

    static SituationVector vector(
            String tenant, String child, String rec, String intervention, boolean helpful, int minutes, float... v) {
        return new SituationVector(
                tenant, child, rec, intervention, "situation of " + rec, helpful, T0.plusSeconds(60L * minutes), v);
    }

    static void put(String tenant, SituationVector... vectors) {
        in(tenant, store -> {
            for (SituationVector v : vectors) {
                store.put(v);
            }
            return null;
        });
    }

    static List<SimilarSituation> nearest(String tenant, String child, int k, boolean helpfulOnly, float... q) {
        return in(tenant, store -> store.nearest(tenant, child, q, k, helpfulOnly));
    }

    @Test
    void theChildsSituationsComeMostSimilarFirstWithTheirCosine() {
        put(
                "t1",
                vector("t1", "c1", "r-far", "outdoor-play", true, 0, 0f, 1f, 0f),
                vector("t1", "c1", "r-same", "box-breathing", true, 1, 2f, 0f, 0f),
                vector("t1", "c1", "r-near", "body-scan", false, 2, 0.8f, 0.6f, 0f),
                vector("t1", "c1", "r-opposite", "screens-off", true, 3, -1f, 0f, 0f));

        List<SimilarSituation> found = nearest("t1", "c1", 3, false, 1f, 0f, 0f);

        assertThat(found).extracting(SimilarSituation::recommendationId).containsExactly("r-same", "r-near", "r-far");
        assertThat(found.get(0).similarity()).as("same direction, other length").isCloseTo(1.0, within(1e-6));
        assertThat(found.get(1).similarity()).isCloseTo(0.8, within(1e-6));
        assertThat(found.get(2).similarity()).isCloseTo(0.0, within(1e-6));
        assertThat(found.get(0).intervention()).isEqualTo("box-breathing");
        assertThat(found.get(0).situation()).isEqualTo("situation of r-same");
        assertThat(found.get(0).helpful()).isTrue();
        assertThat(found.get(0).at()).isEqualTo(T0.plusSeconds(60));
        assertThat(found.get(1).helpful()).isFalse();
    }

    @Test
    void helpfulOnlyLeavesOutTheSituationsThatGotAThumbsDown() {
        put(
                "t1",
                vector("t1", "c1", "r-up", "outdoor-play", true, 0, 0f, 1f),
                vector("t1", "c1", "r-down", "box-breathing", false, 1, 1f, 0f));

        assertThat(nearest("t1", "c1", 5, true, 1f, 0f))
                .extracting(SimilarSituation::recommendationId)
                .containsExactly("r-up");
        assertThat(nearest("t1", "c1", 5, false, 1f, 0f))
                .extracting(SimilarSituation::recommendationId)
                .containsExactly("r-down", "r-up");
    }

    @Test
    void aSecondPutForTheSameRecommendationReplacesTheFirst() {
        put("t1", vector("t1", "c1", "r1", "box-breathing", false, 0, 1f, 0f));
        put("t1", vector("t1", "c1", "r1", "body-scan", true, 5, 0f, 1f));

        List<SimilarSituation> found = nearest("t1", "c1", 5, false, 0f, 1f);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).intervention()).isEqualTo("body-scan");
        assertThat(found.get(0).helpful()).isTrue();
        assertThat(found.get(0).at()).isEqualTo(T0.plusSeconds(300));
        assertThat(found.get(0).similarity()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void anotherChildsAndAnotherTenantsSituationsAreNeverFound() {
        put("t1", vector("t1", "c2", "r-sibling", "box-breathing", true, 0, 1f, 0f));
        // The same child id in another tenant: a different child.
        put("t2", vector("t2", "c1", "r-other-tenant", "box-breathing", true, 0, 1f, 0f));
        put("t1", vector("t1", "c1", "r-own", "outdoor-play", true, 0, 0f, 1f));

        assertThat(nearest("t1", "c1", 10, false, 1f, 0f))
                .extracting(SimilarSituation::recommendationId)
                .containsExactly("r-own");
        assertThat(nearest("t2", "c1", 10, false, 1f, 0f))
                .extracting(SimilarSituation::recommendationId)
                .containsExactly("r-other-tenant");
        assertThatThrownBy(() -> in("t1", store -> store.nearest("t2", "c1", new float[] {1f, 0f}, 10, false)))
                .as("a transaction of t1 asked for t2's vectors")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> put("t1", vector("t2", "c1", "r-x", "box-breathing", true, 0, 1f, 0f)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vectorsOfAnotherLengthAreNotCompared() {
        put(
                "t1",
                vector("t1", "c1", "r-2d", "box-breathing", true, 0, 1f, 0f),
                vector("t1", "c1", "r-3d", "body-scan", true, 0, 1f, 0f, 0f));
        assertThat(nearest("t1", "c1", 10, false, 1f, 0f))
                .extracting(SimilarSituation::recommendationId)
                .containsExactly("r-2d");
    }

    @Test
    void eraseChildDeletesThatChildsVectorsOnly() {
        put(
                "t1",
                vector("t1", "c1", "r1", "box-breathing", true, 0, 1f, 0f),
                vector("t1", "c2", "r2", "box-breathing", true, 0, 1f, 0f));
        put("t2", vector("t2", "c1", "r3", "box-breathing", true, 0, 1f, 0f));

        in("t1", store -> {
            store.eraseChild("t1", "c1");
            return null;
        });

        assertThat(nearest("t1", "c1", 10, false, 1f, 0f)).isEmpty();
        assertThat(nearest("t1", "c2", 10, false, 1f, 0f)).hasSize(1);
        assertThat(nearest("t2", "c1", 10, false, 1f, 0f)).hasSize(1);
    }

    @Test
    void purgeBeforeDeletesThatChildsOlderSituationsOnly() {
        put(
                "t1",
                vector("t1", "c1", "r-old", "box-breathing", true, -1, 1f, 0f),
                vector("t1", "c1", "r-new", "box-breathing", true, 0, 1f, 0f),
                vector("t1", "c2", "r-other", "box-breathing", true, -1, 1f, 0f));
        put("t2", vector("t2", "c1", "r-t2", "box-breathing", true, -1, 1f, 0f));

        int counted = in("t1", store -> store.countBefore("t1", "c1", T0));
        assertThat(counted).isEqualTo(1);
        int purged = in("t1", store -> store.purgeBefore("t1", "c1", T0));
        assertThat(purged).isEqualTo(1);

        assertThat(nearest("t1", "c1", 10, false, 1f, 0f))
                .extracting(SimilarSituation::recommendationId)
                .containsExactly("r-new");
        assertThat(nearest("t1", "c2", 10, false, 1f, 0f)).hasSize(1);
        assertThat(nearest("t2", "c1", 10, false, 1f, 0f)).hasSize(1);
    }

    @Test
    void theChildsErasureFindsTheTableInTheCatalogueAndEmptiesIt() {
        put(
                "t1",
                vector("t1", "c1", "r1", "box-breathing", true, 0, 1f, 0f),
                vector("t1", "c1", "r2", "body-scan", true, 1, 0f, 1f),
                vector("t1", "c2", "r3", "box-breathing", true, 0, 1f, 0f));

        Map<String, Integer> deleted = in("t1", store -> {
            JpaChildRecordRepository records = new JpaChildRecordRepository();
            records.em = store.em;
            return records.erase("c1");
        });

        assertThat(deleted).containsEntry("situation_vector", 2).containsEntry("child", 1);
        assertThat(nearest("t1", "c2", 10, false, 1f, 0f)).hasSize(1);
    }

    @Test
    void aVectorWithANonFiniteComponentIsRefused() {
        assertThatThrownBy(() -> put("t1", vector("t1", "c1", "r1", "box-breathing", true, 0, 1f, Float.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

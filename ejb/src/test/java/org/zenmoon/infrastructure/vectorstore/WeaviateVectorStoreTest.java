package org.zenmoon.infrastructure.vectorstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBase.Filters;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBatch.BatchObject;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBatchDelete.BatchDeleteRequest;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoSearchGet.SearchRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.recommendation.SimilarSituation;
import org.zenmoon.domain.model.recommendation.SituationVector;

/**
 * The Weaviate store through the real client (client6) against {@link WeaviateDouble}, a local double of the server
 * (REST and gRPC): what the store asks Weaviate to do, and what it makes of the answers.
 */
class WeaviateVectorStoreTest {

    static final Instant T0 = Instant.parse("2026-03-02T08:15:00Z");
    static final String TENANT = "0b6f7c1e-2f4a-4c55-9d1a-3e2b1c0d9f8e";

    WeaviateDouble weaviate;
    WeaviateVectorStore store;

    @BeforeEach
    void start() throws Exception {
        weaviate = new WeaviateDouble();
        store = new WeaviateVectorStore(URI.create(weaviate.url()), weaviate.grpcPort(), "secret-key");
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        weaviate.close();
    }

    static SituationVector situation(
            String tenant, String child, String rec, String intervention, boolean helpful, float... v) {
        return new SituationVector(
                tenant, child, rec, intervention, "Exam tomorrow, slept badly (" + rec + ")", helpful, T0, v);
    }

    @Test
    void theFirstPutMakesTheCollectionWithoutAVectorizerAndTheTenantsWeaviateTenant() {
        store.put(situation(TENANT, "c1", "r1", "box-breathing", true, 1f, 0f, 0f));
        store.put(situation(TENANT, "c1", "r2", "body-scan", true, 0f, 1f, 0f));

        JsonObject schema = weaviate.collections.get("ZenMoonSituation");
        assertThat(schema).as("the collection").isNotNull();
        assertThat(schema.getJsonObject("multiTenancyConfig").getBoolean("enabled"))
                .isTrue();
        assertThat(schema.getJsonObject("multiTenancyConfig").getBoolean("autoTenantCreation"))
                .isFalse();
        assertThat(schema.getJsonObject("vectorConfig")
                        .getJsonObject("default")
                        .getJsonObject("vectorizer")
                        .keySet())
                .as("vectors are supplied by ZenMoon")
                .containsExactly("none");
        Map<String, JsonObject> properties = schema.getJsonArray("properties").stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(p -> p.getString("name"), p -> p));
        assertThat(properties.get("childId").getString("tokenization"))
                .as("a child id is matched whole, not word by word")
                .isEqualTo("field");
        assertThat(properties.get("at").getJsonArray("dataType").getString(0)).isEqualTo("date");

        assertThat(weaviate.tenants("ZenMoonSituation")).containsExactly(TENANT);
        assertThat(weaviate.rest.stream()
                        .filter(r -> r.method().equals("POST") && r.path().endsWith("/tenants")))
                .as("the tenant is made once")
                .hasSize(1)
                .first()
                .satisfies(r -> assertThat(r.body()).contains("\"name\":\"" + TENANT + "\""));
    }

    @Test
    void putSendsTheVectorAndTheChildToTheTenantsWeaviateTenant() {
        float[] v = {0.25f, -0.5f, 0.125f};
        store.put(situation(TENANT, "c1", "r1", "box-breathing", true, v));

        assertThat(weaviate.batches).hasSize(1);
        BatchObject sent = weaviate.batches.get(0).getObjects(0);
        assertThat(sent.getCollection()).isEqualTo("ZenMoonSituation");
        assertThat(sent.getTenant()).isEqualTo(TENANT);
        assertThat(WeaviateDouble.floats(sent.getVectors(0).getVectorBytes().toByteArray()))
                .containsExactly(v);
        var props = sent.getProperties().getNonRefProperties().getFieldsMap();
        assertThat(props.get("childId").getStringValue()).isEqualTo("c1");
        assertThat(props.get("recommendationId").getStringValue()).isEqualTo("r1");
        assertThat(props.get("helpful").getBoolValue()).isTrue();
        assertThat(props.get("at").getStringValue())
                .as("RFC 3339, seconds included")
                .isEqualTo("2026-03-02T08:15:00Z");
    }

    @Test
    void nearestAsksForTheChildsSituationsNearTheQueryAndTurnsDistanceIntoSimilarity() {
        store.put(situation(TENANT, "c1", "r-far", "outdoor-play", true, 0f, 1f, 0f));
        store.put(situation(TENANT, "c1", "r-same", "box-breathing", true, 1f, 0f, 0f));
        store.put(situation(TENANT, "c1", "r-near", "body-scan", true, 0.8f, 0.6f, 0f));
        store.put(situation(TENANT, "c2", "r-sibling", "box-breathing", true, 1f, 0f, 0f));

        List<SimilarSituation> found = store.nearest(TENANT, "c1", new float[] {1f, 0f, 0f}, 2, false);

        SearchRequest asked = weaviate.searches.get(0);
        assertThat(asked.getTenant()).isEqualTo(TENANT);
        assertThat(asked.getLimit()).isEqualTo(2);
        assertThat(WeaviateDouble.floats(
                        asked.getNearVector().getVectors(0).getVectorBytes().toByteArray()))
                .containsExactly(1f, 0f, 0f);
        assertThat(equalities(asked.getFilters())).containsExactly(Map.entry("childId", "c1"));

        assertThat(found).extracting(SimilarSituation::recommendationId).containsExactly("r-same", "r-near");
        assertThat(found.get(0).similarity()).isCloseTo(1.0, within(1e-6));
        assertThat(found.get(1).similarity()).isCloseTo(0.8, within(1e-6));
        assertThat(found.get(0).intervention()).isEqualTo("box-breathing");
        assertThat(found.get(0).situation()).isEqualTo("Exam tomorrow, slept badly (r-same)");
        assertThat(found.get(0).helpful()).isTrue();
        assertThat(found.get(0).at()).isEqualTo(T0);
    }

    @Test
    void helpfulOnlyAddsTheHelpfulFilter() {
        store.put(situation(TENANT, "c1", "r-down", "box-breathing", false, 1f, 0f));
        store.put(situation(TENANT, "c1", "r-up", "outdoor-play", true, 0f, 1f));

        List<SimilarSituation> found = store.nearest(TENANT, "c1", new float[] {1f, 0f}, 5, true);

        assertThat(equalities(weaviate.searches.get(0).getFilters()))
                .containsExactlyInAnyOrder(Map.entry("childId", "c1"), Map.entry("helpful", "true"));
        assertThat(found).extracting(SimilarSituation::recommendationId).containsExactly("r-up");
    }

    @Test
    void aSecondPutForTheSameRecommendationReplacesTheObject() {
        store.put(situation(TENANT, "c1", "r1", "box-breathing", false, 1f, 0f));
        store.put(situation(TENANT, "c1", "r1", "body-scan", true, 0f, 1f));

        assertThat(weaviate.objectsOf("ZenMoonSituation", TENANT)).hasSize(1);
        List<SimilarSituation> found = store.nearest(TENANT, "c1", new float[] {0f, 1f}, 5, false);
        assertThat(found).extracting(SimilarSituation::intervention).containsExactly("body-scan");
    }

    @Test
    void eachZenMoonTenantHasItsOwnWeaviateTenant() {
        store.put(situation(TENANT, "c1", "r1", "box-breathing", true, 1f, 0f));
        store.put(situation("other-school", "c1", "r1", "outdoor-play", true, 1f, 0f));

        assertThat(weaviate.tenants("ZenMoonSituation")).containsExactlyInAnyOrder(TENANT, "other-school");
        assertThat(store.nearest("other-school", "c1", new float[] {1f, 0f}, 5, false))
                .extracting(SimilarSituation::intervention)
                .containsExactly("outdoor-play");
        assertThat(weaviate.searches.get(0).getTenant()).isEqualTo("other-school");
    }

    @Test
    void eraseChildDeletesByTheChildFilterInTheTenantsWeaviateTenant() {
        store.put(situation(TENANT, "c1", "r1", "box-breathing", true, 1f, 0f));
        store.put(situation(TENANT, "c1", "r2", "body-scan", true, 0f, 1f));
        store.put(situation(TENANT, "c2", "r3", "box-breathing", true, 1f, 0f));

        store.eraseChild(TENANT, "c1");

        BatchDeleteRequest asked = weaviate.deletes.get(0);
        assertThat(asked.getCollection()).isEqualTo("ZenMoonSituation");
        assertThat(asked.getTenant()).isEqualTo(TENANT);
        assertThat(asked.getDryRun()).isFalse();
        assertThat(equalities(asked.getFilters())).containsExactly(Map.entry("childId", "c1"));
        assertThat(weaviate.objectsOf("ZenMoonSituation", TENANT)).hasSize(1);
        assertThat(store.nearest(TENANT, "c1", new float[] {1f, 0f}, 5, false)).isEmpty();
        assertThat(store.nearest(TENANT, "c2", new float[] {1f, 0f}, 5, false)).hasSize(1);
    }

    @Test
    void purgeBeforeDeletesOnlyTheChildsSituationsFromBeforeTheCutOff() {
        // A midnight, as the retention job's cut-off always is: the date must still go with its seconds.
        Instant cutoff = Instant.parse("2026-03-01T00:00:00Z");
        store.put(at(situation(TENANT, "c1", "r1", "box-breathing", true, 1f, 0f), T0.minus(Duration.ofDays(3))));
        store.put(at(situation(TENANT, "c1", "r2", "body-scan", true, 0f, 1f), cutoff));
        store.put(situation(TENANT, "c1", "r3", "outdoor-play", true, 1f, 1f));
        store.put(at(situation(TENANT, "c2", "r4", "box-breathing", true, 1f, 0f), T0.minus(Duration.ofDays(3))));

        assertThat(store.countBefore(TENANT, "c1", cutoff)).isEqualTo(1);
        assertThat(weaviate.deletes.get(0).getDryRun()).isTrue();
        assertThat(weaviate.objectsOf("ZenMoonSituation", TENANT)).hasSize(4);

        assertThat(store.purgeBefore(TENANT, "c1", cutoff)).isEqualTo(1);

        BatchDeleteRequest asked = weaviate.deletes.get(1);
        assertThat(asked.getDryRun()).isFalse();
        assertThat(asked.getTenant()).isEqualTo(TENANT);
        assertThat(asked.getFilters().getOperator()).isEqualTo(Filters.Operator.OPERATOR_AND);
        assertThat(asked.getFilters().getFiltersList())
                .extracting(f -> f.getTarget().getProperty(), Filters::getOperator)
                .containsExactly(
                        tuple("childId", Filters.Operator.OPERATOR_EQUAL),
                        tuple("at", Filters.Operator.OPERATOR_LESS_THAN));
        assertThat(asked.getFilters().getFilters(1).getValueText()).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(store.nearest(TENANT, "c1", new float[] {1f, 0f}, 5, false))
                .extracting(SimilarSituation::recommendationId)
                .containsExactlyInAnyOrder("r2", "r3");
        assertThat(store.nearest(TENANT, "c2", new float[] {1f, 0f}, 5, false)).hasSize(1);
        assertThat(store.purgeBefore(TENANT, "c1", cutoff)).isZero();
        assertThat(store.countBefore(TENANT, "c1", cutoff)).isZero();
    }

    static SituationVector at(SituationVector v, Instant at) {
        return new SituationVector(
                v.tenantId(),
                v.childId(),
                v.recommendationId(),
                v.intervention(),
                v.situation(),
                v.helpful(),
                at,
                v.vector());
    }

    @Test
    void theApiKeyGoesWithEveryCall() {
        store.put(situation(TENANT, "c1", "r1", "box-breathing", true, 1f, 0f));
        store.nearest(TENANT, "c1", new float[] {1f, 0f}, 5, false);

        assertThat(weaviate.rest).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer secret-key"));
        assertThat(weaviate.grpcAuthorizations)
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a).isEqualTo("Bearer secret-key"));
    }

    @Test
    void aTenantIdWeaviateWouldRefuseBecomesADigest() {
        assertThat(WeaviateVectorStore.tenantName(TENANT)).isEqualTo(TENANT);
        String name = WeaviateVectorStore.tenantName("école du parc");
        assertThat(name).matches("t-[0-9a-f]{60}");
        assertThat(WeaviateVectorStore.tenantName("école du parc")).isEqualTo(name);
        assertThat(WeaviateVectorStore.tenantName("ecole du parc")).isNotEqualTo(name);
    }

    /** The equality tests of a filter (an AND of them, or one), as property and value. */
    static List<Map.Entry<String, String>> equalities(Filters f) {
        if (f.getOperator() == Filters.Operator.OPERATOR_AND) {
            return f.getFiltersList().stream()
                    .flatMap(g -> equalities(g).stream())
                    .toList();
        }
        assertThat(f.getOperator()).isEqualTo(Filters.Operator.OPERATOR_EQUAL);
        String value = switch (f.getTestValueCase()) {
            case VALUE_TEXT -> f.getValueText();
            case VALUE_BOOLEAN -> String.valueOf(f.getValueBoolean());
            default -> f.getTestValueCase().name();
        };
        return List.of(Map.entry(f.getTarget().getProperty(), value));
    }
}

package org.zenmoon.infrastructure.vectorstore;

import io.weaviate.client6.v1.api.Authentication;
import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.collections.CollectionHandle;
import io.weaviate.client6.v1.api.collections.Property;
import io.weaviate.client6.v1.api.collections.Tokenization;
import io.weaviate.client6.v1.api.collections.VectorConfig;
import io.weaviate.client6.v1.api.collections.Vectors;
import io.weaviate.client6.v1.api.collections.WeaviateObject;
import io.weaviate.client6.v1.api.collections.data.DeleteManyResponse;
import io.weaviate.client6.v1.api.collections.data.InsertManyResponse;
import io.weaviate.client6.v1.api.collections.query.Filter;
import io.weaviate.client6.v1.api.collections.query.Metadata;
import io.weaviate.client6.v1.api.collections.query.QueryMetadata;
import io.weaviate.client6.v1.api.collections.tenants.Tenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.zenmoon.domain.model.recommendation.SimilarSituation;
import org.zenmoon.domain.model.recommendation.SituationVector;
import org.zenmoon.domain.model.recommendation.VectorStore;

/**
 * Situation vectors in Weaviate, through its Java client ({@code io.weaviate:client6}): one collection,
 * {@value #COLLECTION}, with multi-tenancy, and one Weaviate tenant per ZenMoon tenant, so that Weaviate keeps each
 * tenant's vectors in a shard of its own (and drops them with the tenant). The child is a filtered property. Vectors
 * are ours (BGE-small), so the collection has no vectorizer; Weaviate's default distance is cosine, and the similarity
 * is {@code 1 - distance}.
 *
 * <p>The client speaks REST for the schema and the tenants, and gRPC for writes (a batch, which replaces an object
 * of the same id), searches and deletions. It connects on first use, so that a server starts while Weaviate is
 * still coming up.
 */
public final class WeaviateVectorStore implements VectorStore, AutoCloseable {

    public static final String NAME = "weaviate";
    static final String COLLECTION = "ZenMoonSituation";

    /** Weaviate's rule for tenant names. */
    private static final Pattern TENANT_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Weaviate deletes at most this many objects per call (its default QUERY_MAXIMUM_RESULTS). */
    private static final int DELETE_ROUNDS = 100;

    private final URI url;
    private final int grpcPort;
    private final String apiKey;
    private final Set<String> tenantsKnown = ConcurrentHashMap.newKeySet();
    private volatile WeaviateClient client;
    private volatile boolean collectionKnown;

    /**
     * @param url Weaviate's REST address ({@code http://host:8080}); gRPC is on the same host
     * @param grpcPort Weaviate's gRPC port (50051 unless set otherwise)
     * @param apiKey the API key, or null for an open instance
     */
    public WeaviateVectorStore(URI url, int grpcPort, String apiKey) {
        if (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("zenmoon.weaviate.url must be an http(s) address: " + url);
        }
        this.url = url;
        this.grpcPort = grpcPort;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    }

    @Override
    public void put(SituationVector v) {
        CollectionHandle<Map<String, Object>> situations = situations(v.tenantId());
        WeaviateObject<Map<String, Object>> object = WeaviateObject.of(o -> o.uuid(objectId(v))
                .properties(Map.of(
                        "recommendationId", v.recommendationId(),
                        "childId", v.childId(),
                        "intervention", v.intervention(),
                        "situation", v.situation(),
                        "helpful", v.helpful(),
                        // RFC 3339 with seconds, which Weaviate requires (OffsetDateTime.toString() may drop them).
                        "at", DateTimeFormatter.ISO_INSTANT.format(v.at())))
                .vectors(Vectors.of(v.vector())));
        InsertManyResponse response = situations.data.insertMany(List.of(object));
        if (!response.errors().isEmpty()) {
            throw new IllegalStateException("Weaviate did not store the situation: " + response.errors());
        }
    }

    @Override
    public List<SimilarSituation> nearest(String tenantId, String childId, float[] query, int k, boolean helpfulOnly) {
        if (k <= 0) {
            return List.of();
        }
        Filter child = Filter.property("childId").eq(childId);
        Filter filter =
                helpfulOnly ? Filter.and(child, Filter.property("helpful").eq(true)) : child;
        var response = situations(tenantId)
                .query
                .nearVector(
                        query,
                        q -> q.limit(k)
                                .filters(filter)
                                .returnProperties("recommendationId", "intervention", "situation", "helpful", "at")
                                .returnMetadata(Metadata.DISTANCE));
        return response.objects().stream()
                .map(o -> {
                    Map<String, Object> p = o.properties();
                    QueryMetadata m = o.queryMetadata();
                    double distance = m == null || m.distance() == null ? 1.0 : m.distance();
                    return new SimilarSituation(
                            (String) p.get("recommendationId"),
                            (String) p.get("intervention"),
                            (String) p.get("situation"),
                            Boolean.TRUE.equals(p.get("helpful")),
                            instant(p.get("at")),
                            1.0 - distance);
                })
                .toList();
    }

    @Override
    public void eraseChild(String tenantId, String childId) {
        deleteAll(tenantId, Filter.property("childId").eq(childId));
    }

    @Override
    public int purgeBefore(String tenantId, String childId, Instant cutoff) {
        return deleteAll(tenantId, before(childId, cutoff));
    }

    @Override
    public int countBefore(String tenantId, String childId, Instant cutoff) {
        DeleteManyResponse would = situations(tenantId).data.deleteMany(before(childId, cutoff), d -> d.dryRun(true));
        return (int) would.matches();
    }

    /**
     * The child's situations dated before {@code cutoff}. The date goes as RFC 3339 text with its seconds, which
     * Weaviate requires: the client's own {@code OffsetDateTime} filter drops them at a whole minute (a midnight
     * cut-off), and Weaviate would refuse the filter.
     */
    private static Filter before(String childId, Instant cutoff) {
        return Filter.and(
                Filter.property("childId").eq(childId),
                Filter.property("at").lt(DateTimeFormatter.ISO_INSTANT.format(cutoff)));
    }

    /** Deletes what the filter matches in the tenant's Weaviate tenant, round after round; how many went. */
    private int deleteAll(String tenantId, Filter filter) {
        CollectionHandle<Map<String, Object>> situations = situations(tenantId);
        long total = 0;
        for (int round = 0; round < DELETE_ROUNDS; round++) {
            DeleteManyResponse deleted = situations.data.deleteMany(filter);
            if (deleted.failed() > 0) {
                throw new IllegalStateException("Weaviate failed to delete " + deleted.failed() + " situations");
            }
            if (deleted.matches() == 0) {
                return (int) total;
            }
            total += deleted.matches();
        }
        throw new IllegalStateException("Weaviate still holds situations of the child");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The Weaviate tenant of a ZenMoon tenant: its id where Weaviate allows it, else a digest of it. */
    static String tenantName(String tenantId) {
        if (TENANT_NAME.matcher(tenantId).matches()) {
            return tenantId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(tenantId.getBytes(StandardCharsets.UTF_8));
            return "t-" + HexFormat.of().formatHex(digest, 0, 30);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One object per recommendation and tenant, so that a second put replaces the first. */
    static String objectId(SituationVector v) {
        return UUID.nameUUIDFromBytes((v.tenantId() + "/" + v.recommendationId()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static Instant instant(Object at) {
        if (at instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        return at == null ? null : OffsetDateTime.parse(at.toString()).toInstant();
    }

    /** The collection, in the tenant's Weaviate tenant, both made the first time they are needed. */
    private CollectionHandle<Map<String, Object>> situations(String tenantId) {
        WeaviateClient c = client();
        String tenant = tenantName(tenantId);
        try {
            if (!collectionKnown) {
                ensureCollection(c);
                collectionKnown = true;
            }
            CollectionHandle<Map<String, Object>> collection = c.collections.use(COLLECTION);
            if (!tenantsKnown.contains(tenant)) {
                if (!collection.tenants.exists(tenant)) {
                    collection.tenants.create(Tenant.active(tenant));
                }
                tenantsKnown.add(tenant);
            }
            return collection.withTenant(tenant);
        } catch (IOException e) {
            throw new UncheckedIOException("Weaviate cannot be reached at " + url, e);
        }
    }

    private static void ensureCollection(WeaviateClient c) throws IOException {
        if (c.collections.exists(COLLECTION)) {
            return;
        }
        try {
            c.collections.create(
                    COLLECTION,
                    col -> col.description("ZenMoon: children's situations, per tenant")
                            .properties(
                                    Property.text("recommendationId", p -> p.tokenization(Tokenization.FIELD)),
                                    Property.text("childId", p -> p.tokenization(Tokenization.FIELD)),
                                    Property.text("intervention", p -> p.tokenization(Tokenization.FIELD)),
                                    Property.text("situation"),
                                    Property.bool("helpful"),
                                    Property.date("at"))
                            .vectorConfig(VectorConfig.selfProvided())
                            .multiTenancy(mt -> mt.autoTenantCreation(false)));
        } catch (RuntimeException e) {
            // Another server may have made it in the meantime.
            if (!c.collections.exists(COLLECTION)) {
                throw e;
            }
        }
    }

    private WeaviateClient client() {
        WeaviateClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    boolean https = "https".equals(url.getScheme());
                    int httpPort = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
                    c = WeaviateClient.connectToCustom(config -> {
                        config.scheme(url.getScheme())
                                .httpHost(url.getHost())
                                .httpPort(httpPort)
                                .grpcHost(url.getHost())
                                .grpcPort(grpcPort);
                        if (apiKey != null) {
                            config.authentication(Authentication.apiKey(apiKey));
                        }
                        return config;
                    });
                    client = c;
                }
            }
        }
        return c;
    }

    @Override
    public void close() throws Exception {
        WeaviateClient c = client;
        if (c != null) {
            c.close();
        }
    }
}

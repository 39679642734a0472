package org.zenmoon.infrastructure.vectorstore;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateGrpc;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBase.Filters;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBatch.BatchObject;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBatch.BatchObjectsReply;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBatch.BatchObjectsRequest;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBatchDelete.BatchDeleteReply;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBatchDelete.BatchDeleteRequest;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoProperties;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoSearchGet.MetadataResult;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoSearchGet.PropertiesResult;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoSearchGet.SearchReply;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoSearchGet.SearchRequest;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoSearchGet.SearchResult;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A test double of a Weaviate server (no real one can run on the build machines), speaking what client6 sends: REST
 * on an HTTP port ({@code /v1/.well-known/live}, {@code /v1/meta}, {@code /v1/schema}, the collection's tenants) and
 * gRPC on another (the client's own generated {@code WeaviateGrpc} service: batch writes, near-vector searches with
 * filters, batch deletes). It keeps objects per collection tenant in memory, answers as Weaviate does for the subset
 * ZenMoon uses (cosine distance, equality filters joined by AND, no vectorizer), refuses what it does not know, and
 * records every request for the tests to inspect.
 */
final class WeaviateDouble implements AutoCloseable {

    /** A date as Go's {@code time.RFC3339} reads it: seconds required, fraction optional. */
    static final Pattern RFC_3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    record Rest(String method, String path, String body, String authorization) {}

    record Stored(Struct properties, float[] vector) {}

    final List<Rest> rest = new CopyOnWriteArrayList<>();
    final List<BatchObjectsRequest> batches = new CopyOnWriteArrayList<>();
    final List<SearchRequest> searches = new CopyOnWriteArrayList<>();
    final List<BatchDeleteRequest> deletes = new CopyOnWriteArrayList<>();
    final List<String> grpcAuthorizations = new CopyOnWriteArrayList<>();

    /** The collection as created (class name to its schema JSON). */
    final Map<String, JsonObject> collections = new LinkedHashMap<>();
    /** Collection name to tenant name to object id to object. */
    final Map<String, Map<String, Map<String, Stored>>> objects = new LinkedHashMap<>();

    private final HttpServer http;
    private final Server grpc;

    WeaviateDouble() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/v1/", this::rest);
        http.start();
        ServerInterceptor authorizations = new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
                String auth = headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
                grpcAuthorizations.add(auth == null ? "" : auth);
                return next.startCall(call, headers);
            }
        };
        grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new Grpc(), authorizations))
                .build()
                .start();
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    int grpcPort() {
        return grpc.getPort();
    }

    @Override
    public void close() {
        grpc.shutdownNow();
        http.stop(0);
    }

    synchronized Set<String> tenants(String collection) {
        return objects.getOrDefault(collection, Map.of()).keySet();
    }

    synchronized Map<String, Stored> objectsOf(String collection, String tenant) {
        return Map.copyOf(objects.getOrDefault(collection, Map.of()).getOrDefault(tenant, Map.of()));
    }

    // REST

    private void rest(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        String path = x.getRequestURI().getPath();
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        rest.add(new Rest(method, path, body, x.getRequestHeaders().getFirst("Authorization")));
        String[] p = path.replaceAll("/+$", "").split("/");
        synchronized (this) {
            if (method.equals("GET") && path.equals("/v1/.well-known/live")) {
                answer(x, 200, "");
            } else if (method.equals("GET") && path.equals("/v1/meta")) {
                answer(x, 200, "{\"hostname\":\"http://[::]:8080\",\"version\":\"1.33.2\",\"modules\":{}}");
            } else if (method.equals("GET") && p.length == 4 && p[2].equals("schema")) {
                JsonObject schema = collections.get(p[3]);
                answer(x, schema == null ? 404 : 200, schema == null ? "" : schema.toString());
            } else if (method.equals("POST") && p.length == 3 && p[2].equals("schema")) {
                createCollection(x, body);
            } else if (p.length >= 5 && p[2].equals("schema") && p[4].equals("tenants")) {
                tenants(x, method, p, body);
            } else {
                answer(x, 404, error("the double does not serve " + method + " " + path));
            }
        }
    }

    private void createCollection(HttpExchange x, String body) throws IOException {
        JsonObject schema = Json.createReader(new StringReader(body)).readObject();
        String name = schema.getString("class");
        if (collections.containsKey(name)) {
            answer(x, 422, error("class name " + name + " already exists"));
            return;
        }
        collections.put(name, schema);
        objects.put(name, new LinkedHashMap<>());
        answer(x, 200, body);
    }

    private void tenants(HttpExchange x, String method, String[] p, String body) throws IOException {
        Map<String, Map<String, Stored>> tenants = objects.get(p[3]);
        if (tenants == null) {
            answer(x, 404, error("class " + p[3] + " not found"));
        } else if (method.equals("GET") && p.length == 6) {
            answer(x, tenants.containsKey(p[5]) ? 200 : 404, "");
        } else if (method.equals("POST") && p.length == 5) {
            JsonArray created = Json.createReader(new StringReader(body)).readArray();
            for (JsonValue t : created) {
                tenants.putIfAbsent(t.asJsonObject().getString("name"), new LinkedHashMap<>());
            }
            answer(x, 200, body);
        } else {
            answer(x, 404, error("the double does not serve this tenants call"));
        }
    }

    private static String error(String message) {
        return Json.createObjectBuilder()
                .add(
                        "error",
                        Json.createArrayBuilder().add(Json.createObjectBuilder().add("message", message)))
                .build()
                .toString();
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            x.getResponseBody().write(bytes);
        }
        x.close();
    }

    // gRPC

    private final class Grpc extends WeaviateGrpc.WeaviateImplBase {

        @Override
        public void batchObjects(BatchObjectsRequest request, StreamObserver<BatchObjectsReply> reply) {
            batches.add(request);
            BatchObjectsReply.Builder answer = BatchObjectsReply.newBuilder();
            synchronized (WeaviateDouble.this) {
                for (int i = 0; i < request.getObjectsCount(); i++) {
                    BatchObject o = request.getObjects(i);
                    Map<String, Stored> tenant = tenant(o.getCollection(), o.getTenant());
                    if (tenant == null) {
                        answer.addErrors(BatchObjectsReply.BatchError.newBuilder()
                                .setIndex(i)
                                .setError("tenant not found: \"" + o.getTenant() + "\""));
                        continue;
                    }
                    // Like Weaviate's batch: an object with the same id is replaced.
                    tenant.put(
                            o.getUuid(),
                            new Stored(
                                    o.getProperties().getNonRefProperties(),
                                    floats(o.getVectors(0).getVectorBytes().toByteArray())));
                }
            }
            reply.onNext(answer.build());
            reply.onCompleted();
        }

        @Override
        public void search(SearchRequest request, StreamObserver<SearchReply> reply) {
            searches.add(request);
            SearchReply.Builder answer = SearchReply.newBuilder();
            synchronized (WeaviateDouble.this) {
                Map<String, Stored> tenant = tenant(request.getCollection(), request.getTenant());
                if (tenant == null) {
                    reply.onError(Status.NOT_FOUND
                            .withDescription("tenant not found: " + request.getTenant())
                            .asRuntimeException());
                    return;
                }
                if (!request.hasNearVector() || request.getNearVector().getVectorsCount() != 1) {
                    reply.onError(Status.UNIMPLEMENTED
                            .withDescription("the double answers one near-vector search")
                            .asRuntimeException());
                    return;
                }
                float[] query = floats(
                        request.getNearVector().getVectors(0).getVectorBytes().toByteArray());
                Set<String> dates = dateProperties(request.getCollection());
                List<Map.Entry<String, Stored>> hits = new ArrayList<>();
                for (Map.Entry<String, Stored> e : tenant.entrySet()) {
                    if (!request.hasFilters()
                            || matches(request.getFilters(), e.getValue().properties())) {
                        hits.add(e);
                    }
                }
                hits.sort(Comparator.comparingDouble(
                        e -> distance(query, e.getValue().vector())));
                List<String> wanted = request.getProperties().getNonRefPropertiesList();
                for (Map.Entry<String, Stored> e : hits.subList(0, Math.min(hits.size(), request.getLimit()))) {
                    WeaviateProtoProperties.Properties.Builder props = WeaviateProtoProperties.Properties.newBuilder();
                    e.getValue().properties().getFieldsMap().forEach((name, value) -> {
                        if (wanted.contains(name)) {
                            props.putFields(name, value(value, dates.contains(name)));
                        }
                    });
                    MetadataResult.Builder metadata =
                            MetadataResult.newBuilder().setId(e.getKey());
                    if (request.getMetadata().getDistance()) {
                        metadata.setDistance(
                                        (float) distance(query, e.getValue().vector()))
                                .setDistancePresent(true);
                    }
                    answer.addResults(SearchResult.newBuilder()
                            .setProperties(PropertiesResult.newBuilder().setNonRefProps(props))
                            .setMetadata(metadata));
                }
            }
            reply.onNext(answer.build());
            reply.onCompleted();
        }

        @Override
        public void batchDelete(BatchDeleteRequest request, StreamObserver<BatchDeleteReply> reply) {
            deletes.add(request);
            long matches = 0;
            synchronized (WeaviateDouble.this) {
                Map<String, Stored> tenant = tenant(request.getCollection(), request.getTenant());
                if (tenant == null) {
                    reply.onError(Status.NOT_FOUND
                            .withDescription("tenant not found: " + request.getTenant())
                            .asRuntimeException());
                    return;
                }
                var it = tenant.entrySet().iterator();
                while (it.hasNext()) {
                    if (matches(request.getFilters(), it.next().getValue().properties())) {
                        if (!request.getDryRun()) {
                            it.remove();
                        }
                        matches++;
                    }
                }
            }
            reply.onNext(BatchDeleteReply.newBuilder()
                    .setMatches(matches)
                    .setSuccessful(matches)
                    .build());
            reply.onCompleted();
        }
    }

    /** The objects of a collection's tenant; null when either does not exist (or a multi-tenant call names none). */
    private Map<String, Stored> tenant(String collection, String tenant) {
        Map<String, Map<String, Stored>> tenants = objects.get(collection);
        return tenants == null ? null : tenants.get(tenant);
    }

    private Set<String> dateProperties(String collection) {
        Set<String> dates = new HashSet<>();
        for (JsonValue p : collections.get(collection).getJsonArray("properties")) {
            if (p.asJsonObject().getJsonArray("dataType").getString(0).equals("date")) {
                dates.add(p.asJsonObject().getString("name"));
            }
        }
        return dates;
    }

    /**
     * Equality on a text or boolean property, "before" on a date, and AND of such: what the store asks; anything else
     * is refused.
     */
    static boolean matches(Filters f, Struct properties) {
        switch (f.getOperator()) {
            case OPERATOR_AND:
                return f.getFiltersList().stream().allMatch(g -> matches(g, properties));
            case OPERATOR_EQUAL:
                String property = f.getTarget().hasProperty() ? f.getTarget().getProperty() : f.getOn(0);
                Value v = properties.getFieldsOrDefault(property, Value.getDefaultInstance());
                return switch (f.getTestValueCase()) {
                    case VALUE_TEXT -> v.hasStringValue() && v.getStringValue().equals(f.getValueText());
                    case VALUE_BOOLEAN -> v.hasBoolValue() && v.getBoolValue() == f.getValueBoolean();
                    default ->
                        throw Status.UNIMPLEMENTED
                                .withDescription("the double filters on text and booleans only")
                                .asRuntimeException();
                };
            case OPERATOR_LESS_THAN:
                // Dates only: what the retention purge asks (the property is stored as RFC 3339 text).
                String dated = f.getTarget().hasProperty() ? f.getTarget().getProperty() : f.getOn(0);
                Value at = properties.getFieldsOrDefault(dated, Value.getDefaultInstance());
                if (f.getTestValueCase() != Filters.TestValueCase.VALUE_TEXT || !at.hasStringValue()) {
                    throw Status.UNIMPLEMENTED
                            .withDescription("the double compares dates only")
                            .asRuntimeException();
                }
                if (!RFC_3339.matcher(f.getValueText()).matches()) {
                    // Weaviate parses dates with Go's time.RFC3339, which requires the seconds.
                    throw Status.INVALID_ARGUMENT
                            .withDescription("not an RFC 3339 date: " + f.getValueText())
                            .asRuntimeException();
                }
                return OffsetDateTime.parse(at.getStringValue()).isBefore(OffsetDateTime.parse(f.getValueText()));
            default:
                throw Status.UNIMPLEMENTED
                        .withDescription("the double does not filter with " + f.getOperator())
                        .asRuntimeException();
        }
    }

    private static WeaviateProtoProperties.Value value(Value v, boolean date) {
        WeaviateProtoProperties.Value.Builder out = WeaviateProtoProperties.Value.newBuilder();
        if (v.hasBoolValue()) {
            out.setBoolValue(v.getBoolValue());
        } else if (v.hasNumberValue()) {
            out.setNumberValue(v.getNumberValue());
        } else if (date) {
            out.setDateValue(v.getStringValue());
        } else {
            out.setTextValue(v.getStringValue());
        }
        return out.build();
    }

    /** A vector as Weaviate's gRPC API carries it: float32, little-endian. */
    static float[] floats(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / Float.BYTES];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }

    /** Weaviate's cosine distance. */
    static double distance(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return 1 - dot / Math.sqrt(na * nb);
    }
}

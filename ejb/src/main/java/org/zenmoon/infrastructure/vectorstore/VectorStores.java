package org.zenmoon.infrastructure.vectorstore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.zenmoon.domain.model.recommendation.VectorStore;
import org.zenmoon.infrastructure.persistence.JpaVectorStore;

/**
 * The one place that chooses the vector store, from {@code zenmoon.recommender.vector-store}: {@code postgres} (the
 * default, embedded) or {@code weaviate} (then {@code zenmoon.weaviate.url}, optionally {@code zenmoon.weaviate.api-key}
 * and {@code zenmoon.weaviate.grpc-port}). A wrong setting stops the deployment at start-up instead of the first
 * recommendation.
 */
@ApplicationScoped
public class VectorStores {

    static final String STORE_KEY = "zenmoon.recommender.vector-store";
    static final String URL_KEY = "zenmoon.weaviate.url";

    @Inject
    @ConfigProperty(name = STORE_KEY, defaultValue = JpaVectorStore.NAME)
    String store;

    @Inject
    @ConfigProperty(name = URL_KEY)
    Optional<String> weaviateUrl;

    @Inject
    @ConfigProperty(name = "zenmoon.weaviate.grpc-port", defaultValue = "50051")
    int weaviateGrpcPort;

    @Inject
    @ConfigProperty(name = "zenmoon.weaviate.api-key")
    Optional<String> weaviateApiKey;

    @Inject
    JpaVectorStore postgres;

    @Produces
    @ApplicationScoped
    VectorStore vectorStore() {
        return choose(store, () -> postgres, weaviateUrl, weaviateGrpcPort, weaviateApiKey);
    }

    void close(@Disposes VectorStore chosen) throws Exception {
        if (chosen instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** Checks the setting when the application starts (the store itself connects on first use). */
    void checkAtStartUp(@Observes @Initialized(ApplicationScoped.class) Object started) throws Exception {
        VectorStore chosen = choose(store, () -> postgres, weaviateUrl, weaviateGrpcPort, weaviateApiKey);
        if (chosen instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    static VectorStore choose(
            String store,
            Supplier<VectorStore> postgres,
            Optional<String> weaviateUrl,
            int weaviateGrpcPort,
            Optional<String> weaviateApiKey) {
        String name = store == null ? "" : store.trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case JpaVectorStore.NAME:
                return postgres.get();
            case WeaviateVectorStore.NAME:
                String url = weaviateUrl
                        .filter(u -> !u.isBlank())
                        .orElseThrow(() -> new IllegalStateException(
                                STORE_KEY + "=weaviate needs " + URL_KEY + " (for example http://weaviate:8080)"));
                return new WeaviateVectorStore(URI.create(url.trim()), weaviateGrpcPort, weaviateApiKey.orElse(null));
            default:
                throw new IllegalStateException(STORE_KEY + " must be " + JpaVectorStore.NAME + " or "
                        + WeaviateVectorStore.NAME + ", not '" + store + "'");
        }
    }
}

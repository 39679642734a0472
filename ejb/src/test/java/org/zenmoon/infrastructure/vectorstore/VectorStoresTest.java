package org.zenmoon.infrastructure.vectorstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.recommendation.VectorStore;
import org.zenmoon.infrastructure.persistence.JpaVectorStore;

/** Configuration chooses the store, and a wrong setting is refused with the key to fix. */
class VectorStoresTest {

    final JpaVectorStore postgres = new JpaVectorStore();

    @Test
    void postgresIsTheStoreByDefaultName() {
        assertThat(VectorStores.choose("postgres", () -> postgres, Optional.empty(), 50051, Optional.empty()))
                .isSameAs(postgres);
        assertThat(VectorStores.choose(" Postgres ", () -> postgres, Optional.empty(), 50051, Optional.empty()))
                .isSameAs(postgres);
    }

    @Test
    void weaviateNeedsItsAddress() throws Exception {
        VectorStore chosen = VectorStores.choose(
                "weaviate", () -> postgres, Optional.of("http://weaviate:8080"), 50051, Optional.of("key"));
        assertThat(chosen).isInstanceOf(WeaviateVectorStore.class);
        assertThat(chosen.name()).isEqualTo("weaviate");
        assertThat(chosen.erasedWithTheChildsRecords()).isFalse();
        ((AutoCloseable) chosen).close();

        assertThatThrownBy(() ->
                        VectorStores.choose("weaviate", () -> postgres, Optional.empty(), 50051, Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("zenmoon.weaviate.url");
        assertThatThrownBy(() -> VectorStores.choose(
                        "weaviate", () -> postgres, Optional.of("weaviate:8080"), 50051, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zenmoon.weaviate.url");
    }

    @Test
    void anUnknownStoreIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> VectorStores.choose("pinecone", () -> postgres, Optional.empty(), 1, Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("zenmoon.recommender.vector-store")
                .hasMessageContaining("pinecone");
    }
}

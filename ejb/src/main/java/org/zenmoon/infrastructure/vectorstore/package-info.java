/**
 * The vector stores behind {@link org.zenmoon.domain.model.recommendation.VectorStore}: the configured one is produced
 * here ({@code VectorStores}); the PostgreSQL store lives with the other queries in {@code infrastructure.persistence},
 * the Weaviate store here.
 */
package org.zenmoon.infrastructure.vectorstore;

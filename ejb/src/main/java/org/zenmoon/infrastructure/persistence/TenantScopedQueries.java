package org.zenmoon.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.eclipse.persistence.config.QueryHints;
import org.zenmoon.domain.model.tenant.Tenancy;

/**
 * Native SQL in the multitenant unit. EclipseLink filters JPQL by tenant but refuses native SQL unless a query
 * opts in, and then does not filter it: such a query names the tenant itself, read from the persistence context
 * where {@code TenantInterceptor} put it. Nothing here sets a tenant.
 */
final class TenantScopedQueries {

    private TenantScopedQueries() {}

    /** The tenant of the current transaction's persistence context. */
    static String tenant(EntityManager em) {
        Object tenant = em.getProperties().get(Tenancy.PROPERTY);
        if (!(tenant instanceof String id) || id.isBlank()) {
            throw new IllegalStateException("no tenant is bound to this persistence context");
        }
        return id;
    }

    /** A native query whose first parameter ({@code ?1}) is the current tenant. */
    static Query nativeQuery(EntityManager em, String sql) {
        return em.createNativeQuery(sql)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .setParameter(1, tenant(em));
    }

    /**
     * A native query on the database catalogue ({@code pg_catalog}), which holds no tenant's rows: the erasure and
     * the export find the tables that hold a child's rows there.
     */
    static Query catalogueQuery(EntityManager em, String sql) {
        if (!sql.contains("pg_catalog.")) {
            throw new IllegalArgumentException("a catalogue query reads pg_catalog only");
        }
        return em.createNativeQuery(sql).setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true);
    }

    /** A table or column name from the catalogue, quoted for SQL. */
    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static Double number(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }
}

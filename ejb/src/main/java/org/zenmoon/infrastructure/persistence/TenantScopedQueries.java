package org.zenmoon.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.eclipse.persistence.config.QueryHints;
import org.zenmoon.domain.model.tenant.Tenancy;

/**
 * The tenant in persistence. {@link #bind} (through {@link JpaTenantBinding}, for the tenant interceptor) sets it
 * for one transaction, twice: on the persistence context, where EclipseLink filters JPQL by it, and in the database
 * session (the transaction-local {@code zenmoon.tenant_id}), where row-level security filters every statement by
 * it. Native SQL, which EclipseLink refuses unless a query opts in and then does not filter, names the tenant itself
 * ({@code ?1}), read back from the persistence context.
 */
final class TenantScopedQueries {

    /** The setting the row-level security policies compare {@code tenant_id} with (V3). */
    static final String DATABASE_SETTING = "zenmoon.tenant_id";

    private TenantScopedQueries() {}

    /**
     * Binds {@code tenant} to the transaction of {@code em}. Within a JTA transaction every statement runs on the
     * one connection enlisted in it, and the database forgets the setting when the transaction ends, so no pooled
     * connection keeps a tenant.
     */
    static void bind(EntityManager em, String tenant) {
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("no tenant");
        }
        if (!em.isJoinedToTransaction()) {
            // Without a transaction the tenant would land on a context, and a connection, that the queries do not use.
            throw new IllegalStateException("a tenant is bound only inside a transaction");
        }
        Object bound = em.getProperties().get(Tenancy.PROPERTY);
        if (bound != null) {
            if (!bound.equals(tenant)) {
                // Entities of the other tenant may sit in this persistence context already.
                throw new IllegalStateException("a transaction of one tenant cannot continue in another");
            }
            return;
        }
        em.createNativeQuery("SELECT set_config('" + DATABASE_SETTING + "', ?1, true)")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .setParameter(1, tenant)
                .getSingleResult();
        em.setProperty(Tenancy.PROPERTY, tenant);
    }

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
     * The JDBC connection of the current transaction, on which the tenant is bound (row-level security filters and
     * checks every statement on it), for bulk statements that JPA cannot express; the caller names the tenant
     * itself, read with {@link #tenant}.
     */
    static Connection connection(EntityManager em) {
        tenant(em);
        return em.unwrap(Connection.class);
    }

    /**
     * Makes the month partitions of {@code epoch} that {@code [from, to)} needs (V3's security-definer function, which
     * the server's role may call): schema upkeep for every tenant, so it names none.
     *
     * @return how many partitions were made
     */
    static int ensureEpochPartitions(EntityManager em, Instant from, Instant to) {
        Object made = em.createNativeQuery("SELECT zenmoon_ensure_epoch_partitions(?1, ?2)")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .setParameter(1, Timestamp.from(from))
                .setParameter(2, Timestamp.from(to))
                .getSingleResult();
        return ((Number) made).intValue();
    }

    /**
     * Drops the month partitions of {@code epoch} that every tenant's retention period has passed (V12's
     * security-definer function, which takes no argument: the tenants' own retention days decide), and names them.
     */
    @SuppressWarnings("unchecked")
    static List<String> dropExpiredEpochPartitions(EntityManager em) {
        return em.createNativeQuery("SELECT zenmoon_drop_expired_epoch_partitions()")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
    }

    /** The next value of a sequence (tenants share sequences: they hand out identifiers, not data). */
    static long nextValue(EntityManager em, String sequence) {
        Object next = em.createNativeQuery("SELECT nextval(CAST(?1 AS regclass))")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .setParameter(1, sequence)
                .getSingleResult();
        return ((Number) next).longValue();
    }

    /**
     * Active job runs of every tenant whose heartbeat is older than {@code olderThan} (V8's security-definer
     * function): tenant id, run id, job name and the admin who started it, nothing else.
     */
    @SuppressWarnings("unchecked")
    static java.util.List<Object[]> staleJobRuns(EntityManager em, Instant olderThan) {
        return em.createNativeQuery(
                        "SELECT tenant_id, run_id, job_name, started_by, execution_id FROM zenmoon_stale_job_runs(?1)")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .setParameter(1, Timestamp.from(olderThan))
                .getResultList();
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

    /** A timestamp column as an instant (null stays null). */
    static Instant instant(Object o) {
        return o == null ? null : ((Timestamp) o).toInstant();
    }

    static Double number(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }
}

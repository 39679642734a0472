package org.zenmoon.domain.model.tenant;

/**
 * Where the tenant of a transaction enters persistence: the persistence context's tenant filter and the database
 * session's row-level security, both for the current transaction only. Only the tenant interceptor calls it.
 */
public interface TenantBinding {

    /**
     * Binds {@code tenantId} to the current transaction.
     *
     * @throws IllegalStateException without a transaction, or when the transaction belongs to another tenant
     */
    void bind(String tenantId);
}

package org.zenmoon.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.zenmoon.domain.model.tenant.TenantBinding;

/** Binds the tenant to the transaction's persistence context and its database connection. */
@ApplicationScoped
public class JpaTenantBinding implements TenantBinding {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public void bind(String tenantId) {
        TenantScopedQueries.bind(em, tenantId);
    }
}

package org.zenmoon.application.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.zenmoon.application.NotFoundException;
import org.zenmoon.domain.model.tenant.Tenancy;

/**
 * The one place where the tenant enters persistence: it sets EclipseLink's tenant property on the
 * transaction's persistence context from the bound caller before a {@link TenantBound} service runs. The
 * repositories of that transaction then see the tenant's rows only. A caller without a tenant (a platform
 * admin) reaches no tenant-owned data.
 */
@TenantBound
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class TenantInterceptor {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Inject
    CallerContext callers;

    @AroundInvoke
    public Object bindTenant(InvocationContext ctx) throws Exception {
        String tenant = callers.current().tenantId();
        if (tenant == null) {
            throw new NotFoundException("Tenant data");
        }
        if (!em.isJoinedToTransaction()) {
            // Without a transaction the property would land on a context that the queries do not use.
            throw new IllegalStateException("@TenantBound needs a transaction: " + ctx.getMethod());
        }
        Object bound = em.getProperties().get(Tenancy.PROPERTY);
        if (bound != null && !bound.equals(tenant)) {
            // Entities of the other tenant may sit in this persistence context already.
            throw new IllegalStateException("a transaction of one tenant cannot continue in another");
        }
        em.setProperty(Tenancy.PROPERTY, tenant);
        return ctx.proceed();
    }
}

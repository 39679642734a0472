package org.zenmoon.application;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.zenmoon.domain.model.tenant.Tenancy;

/**
 * The one place where the tenant enters persistence: it sets EclipseLink's tenant property on the
 * transaction's persistence context from the authenticated caller before the service runs. A caller
 * without a tenant (a platform admin) reaches no tenant-owned data.
 */
@TenantBound
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class TenantInterceptor {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Inject
    CurrentCaller currentCaller;

    @AroundInvoke
    public Object bindTenant(InvocationContext ctx) throws Exception {
        Caller caller = currentCaller.get();
        if (caller.tenantId() == null) {
            throw new NotFoundException("Tenant data");
        }
        em.setProperty(Tenancy.PROPERTY, caller.tenantId());
        return ctx.proceed();
    }
}

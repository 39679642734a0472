package org.zenmoon.application.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.zenmoon.application.NotFoundException;
import org.zenmoon.domain.model.tenant.TenantBinding;

/**
 * The one place where the tenant enters persistence: before a {@link TenantBound} service runs, it binds the bound
 * caller's tenant to the service's transaction, both to the persistence context (EclipseLink's filter) and to the
 * database session (row-level security). The repositories of that transaction then see the tenant's rows only. A
 * caller without a tenant (a platform admin) reaches no tenant-owned data. The binding refuses to run without a
 * transaction and to switch a transaction to another tenant.
 */
@TenantBound
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class TenantInterceptor {

    @Inject
    TenantBinding binding;

    @Inject
    CallerContext callers;

    @AroundInvoke
    public Object bindTenant(InvocationContext ctx) throws Exception {
        String tenant = callers.current().tenantId();
        if (tenant == null) {
            throw new NotFoundException("Tenant data");
        }
        binding.bind(tenant);
        return ctx.proceed();
    }
}

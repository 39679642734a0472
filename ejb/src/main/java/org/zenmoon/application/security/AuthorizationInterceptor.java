package org.zenmoon.application.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.zenmoon.application.ForbiddenException;

/** Enforces {@link Requires} with the {@link AccessPolicy}, inside the audit (refusals are audited too). */
@Requires(Permission.READ_CHILDREN) // the value is @Nonbinding: this interceptor serves every @Requires
@Interceptor
@Priority(Interceptor.Priority.APPLICATION - 50)
public class AuthorizationInterceptor {

    @Inject
    CallerContext callers;

    @Inject
    AccessPolicy policy;

    @AroundInvoke
    public Object authorize(InvocationContext ctx) throws Exception {
        Requires required = InterceptedBinding.of(ctx, Requires.class);
        if (!policy.permits(callers.current(), required.value())) {
            throw new ForbiddenException(required.value());
        }
        return ctx.proceed();
    }
}

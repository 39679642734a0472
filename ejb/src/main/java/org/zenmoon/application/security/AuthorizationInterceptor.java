package org.zenmoon.application.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.zenmoon.application.ForbiddenException;

/** Enforces {@link Requires} with the {@link AccessPolicy}, inside the audit (refusals are audited too). */
@Requires
@Interceptor
@Priority(Interceptor.Priority.APPLICATION - 50)
public class AuthorizationInterceptor {

    @Inject
    CallerContext callers;

    @Inject
    AccessPolicy policy;

    @AroundInvoke
    public Object authorize(InvocationContext ctx) throws Exception {
        Requires required = ctx.getMethod().getAnnotation(Requires.class);
        if (required == null) {
            required = ctx.getMethod().getDeclaringClass().getAnnotation(Requires.class);
        }
        Permission permission = required == null ? Permission.READ_CHILDREN : required.value();
        if (!policy.permits(callers.current(), permission)) {
            throw new ForbiddenException(permission);
        }
        return ctx.proceed();
    }
}

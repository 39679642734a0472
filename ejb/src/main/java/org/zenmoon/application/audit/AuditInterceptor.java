package org.zenmoon.application.audit;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Parameter;
import org.zenmoon.application.ForbiddenException;
import org.zenmoon.application.NotAuthenticatedException;
import org.zenmoon.application.NotFoundException;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.InterceptedBinding;

/**
 * The one place that audits access to children's data. It runs outside the authorization and tenant
 * interceptors, so that refused and failed attempts are recorded too, and {@link AuditTrail} writes in a
 * transaction of its own, so that a rolled-back call still leaves its trace.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION - 100)
public class AuditInterceptor {

    @Inject
    CallerContext callers;

    @Inject
    AuditTrail trail;

    @AroundInvoke
    public Object audit(InvocationContext ctx) throws Exception {
        Object result;
        try {
            result = ctx.proceed();
        } catch (Exception e) {
            String outcome = e instanceof NotFoundException
                    ? "not_found"
                    : e instanceof ForbiddenException ? "forbidden" : "error";
            if (!(e instanceof NotAuthenticatedException)) {
                try {
                    record(ctx, outcome);
                } catch (RuntimeException auditFailure) {
                    // The caller learns what its call did; the audit's own failure travels with it to the log.
                    e.addSuppressed(auditFailure);
                }
            }
            throw e;
        }
        // A successful call that cannot be audited fails: nobody reads a child's data unrecorded.
        record(ctx, "ok");
        return result;
    }

    private void record(InvocationContext ctx, String outcome) {
        Caller caller = callers.current();
        if (caller.tenantId() != null) {
            trail.record(caller.userId(), action(ctx), resource(ctx), parameter(ctx, "childId"), outcome);
        }
    }

    private static String action(InvocationContext ctx) {
        return InterceptedBinding.of(ctx, Audited.class).value();
    }

    /** The method, and the cohort when the call reads a cohort's children. */
    private static String resource(InvocationContext ctx) {
        String method = ctx.getMethod().getDeclaringClass().getSimpleName() + "."
                + ctx.getMethod().getName();
        String cohort = parameter(ctx, "cohortId");
        return cohort == null ? method : method + " cohort " + cohort;
    }

    /** Relies on parameter names, which the build keeps ({@code -parameters}). */
    private static String parameter(InvocationContext ctx, String name) {
        Parameter[] params = ctx.getMethod().getParameters();
        for (int i = 0; i < params.length; i++) {
            if (params[i].getName().equals(name) && ctx.getParameters()[i] instanceof String value) {
                return value;
            }
        }
        return null;
    }
}

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
        String outcome = "error";
        try {
            Object result = ctx.proceed();
            outcome = "ok";
            return result;
        } catch (NotFoundException e) {
            outcome = "not_found";
            throw e;
        } catch (ForbiddenException e) {
            outcome = "forbidden";
            throw e;
        } catch (NotAuthenticatedException e) {
            outcome = "unauthenticated";
            throw e;
        } finally {
            if (!"unauthenticated".equals(outcome)) {
                Caller caller = callers.current();
                if (caller.tenantId() != null) {
                    trail.record(caller.userId(), action(ctx), resource(ctx), parameter(ctx, "childId"), outcome);
                }
            }
        }
    }

    private static String action(InvocationContext ctx) {
        Audited a = ctx.getMethod().getAnnotation(Audited.class);
        if (a == null) {
            a = ctx.getMethod().getDeclaringClass().getAnnotation(Audited.class);
        }
        return a == null ? "read" : a.value();
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

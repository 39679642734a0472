package org.zenmoon.application.audit;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.zenmoon.application.ForbiddenException;
import org.zenmoon.application.NotAuthenticatedException;
import org.zenmoon.application.NotFoundException;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.InterceptedBinding;
import org.zenmoon.domain.model.child.ConcernsAChild;
import org.zenmoon.domain.model.child.ConcernsChildren;

/**
 * The one place that audits access to children's data. It runs outside the authorization and tenant
 * interceptors, so that refused and failed attempts are recorded too, and {@link AuditTrail} writes in a
 * transaction of its own, so that a rolled-back call still leaves its trace. A call about one child (a parameter
 * named {@code childId}, or a result about one child) leaves one row for that child; a call that returns a list of
 * children's data ({@link ConcernsAChild}), or a result that names children ({@link ConcernsChildren}), leaves one row
 * per child shown; any other call one row without a child.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION - 100)
public class AuditInterceptor {

    /** Parameters that say which thing a call concerns, added to the resource as "name value". */
    private static final List<String[]> NAMED_PARAMETERS =
            List.of(new String[] {"cohortId", "cohort"}, new String[] {"jobName", "job"}, new String[] {
                "executionId", "execution"
            });

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
                    record(ctx, null, outcome);
                } catch (RuntimeException auditFailure) {
                    // The caller learns what its call did; the audit's own failure travels with it to the log.
                    e.addSuppressed(auditFailure);
                }
            }
            throw e;
        }
        // A successful call that cannot be audited fails: nobody reads a child's data unrecorded.
        record(ctx, result, "ok");
        return result;
    }

    private void record(InvocationContext ctx, Object result, String outcome) {
        Caller caller = callers.current();
        if (caller.tenantId() != null) {
            trail.record(
                    caller,
                    callers.requestId().orElse(null),
                    action(ctx),
                    resource(ctx),
                    children(ctx, result),
                    outcome);
        }
    }

    private static String action(InvocationContext ctx) {
        return InterceptedBinding.of(ctx, Audited.class).value();
    }

    /** The method, and the cohort, job or execution the call names. */
    private static String resource(InvocationContext ctx) {
        StringBuilder resource = new StringBuilder(
                        ctx.getMethod().getDeclaringClass().getSimpleName())
                .append('.')
                .append(ctx.getMethod().getName());
        for (String[] named : NAMED_PARAMETERS) {
            String value = parameter(ctx, named[0]);
            if (value != null) {
                resource.append(' ').append(named[1]).append(' ').append(value);
            }
        }
        return resource.toString();
    }

    /** The child the call names, else the children its result shows, else none (one row without a child). */
    static List<String> children(InvocationContext ctx, Object result) {
        String named = parameter(ctx, "childId");
        if (named != null) {
            return List.of(named);
        }
        if (result instanceof ConcernsAChild one && one.childId() != null) {
            return List.of(one.childId());
        }
        if (result instanceof ConcernsChildren group && !group.namedChildIds().isEmpty()) {
            return List.copyOf(new LinkedHashSet<>(group.namedChildIds()));
        }
        if (result instanceof Collection<?> items) {
            Set<String> shown = new LinkedHashSet<>();
            for (Object item : items) {
                if (item instanceof ConcernsAChild row && row.childId() != null) {
                    shown.add(row.childId());
                }
            }
            if (!shown.isEmpty()) {
                return new ArrayList<>(shown);
            }
        }
        return Collections.singletonList(null);
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

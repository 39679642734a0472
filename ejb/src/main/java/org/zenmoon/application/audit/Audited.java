package org.zenmoon.application.audit;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every call of a method marked so (or of every method of a class marked so) leaves an audit event: caller, roles,
 * request, action, the method as resource, the child concerned (a parameter named {@code childId}, or one row per
 * child a returned list shows), outcome.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Audited {

    /**
     * What the call does: to children's data {@code read}, {@code write}, {@code export} or {@code erase}; an analysis
     * that computes results from it {@code analysis}; the retention job's deletes {@code purge}; to jobs {@code job};
     * to the tenant's own settings (its retention period and time zone, which decide what the nightly jobs delete and
     * when they run) {@code settings}.
     */
    @Nonbinding
    String value() default "read";
}

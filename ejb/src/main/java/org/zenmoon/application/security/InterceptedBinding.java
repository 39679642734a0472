package org.zenmoon.application.security;

import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;

/** Where an interceptor finds the annotation that bound it: on the method, else on the bean's class or a superclass. */
public final class InterceptedBinding {

    private InterceptedBinding() {}

    /**
     * @throws IllegalStateException when neither carries it (bound through a stereotype, say): an interceptor that
     *     guarded children's data must not guess
     */
    public static <A extends Annotation> A of(InvocationContext ctx, Class<A> type) {
        A onMethod = ctx.getMethod().getAnnotation(type);
        if (onMethod != null) {
            return onMethod;
        }
        Class<?> start = ctx.getTarget() == null
                ? ctx.getMethod().getDeclaringClass()
                : ctx.getTarget().getClass();
        for (Class<?> c = start; c != null; c = c.getSuperclass()) {
            A onClass = c.getAnnotation(type);
            if (onClass != null) {
                return onClass;
            }
        }
        throw new IllegalStateException("no @" + type.getSimpleName() + " found for " + ctx.getMethod());
    }
}

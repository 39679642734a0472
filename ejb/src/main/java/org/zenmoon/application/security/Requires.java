package org.zenmoon.application.security;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A service method (or every method of a service) that only callers with this permission may call; anyone else
 * gets {@link org.zenmoon.application.ForbiddenException}. Checked by {@link AuthorizationInterceptor}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Requires {

    /** Written out on every use: no permission is implied. */
    @Nonbinding
    Permission value();
}

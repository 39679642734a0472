package org.zenmoon.interfaces.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.zenmoon.application.TenantSettings;

/**
 * A time zone region id such as {@code Europe/Berlin} or {@code UTC}, as {@link TenantSettings#isTimeZone} decides
 * (null passes: add {@code @NotNull}).
 */
@Constraint(validatedBy = ZoneRegion.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface ZoneRegion {

    String message() default TenantSettings.TIME_ZONE_RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<ZoneRegion, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || TenantSettings.isTimeZone(value);
        }
    }
}

package org.zenmoon.interfaces.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A measure within {@code [min, max]}, both included (null passes: add {@code @NotNull}; NaN fails). One constraint
 * where {@code @DecimalMin} and {@code @DecimalMax} are two, each turning the double into a {@code BigDecimal}
 * through its decimal text: with thousands of epochs in a batch, that was a tenth of an upload's CPU time
 * (docs/BENCHMARKS.md, "Ingestion throughput").
 */
@Constraint(validatedBy = Between.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface Between {

    double min();

    double max();

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<Between, Double> {

        private double min;
        private double max;

        @Override
        public void initialize(Between between) {
            min = between.min();
            max = between.max();
        }

        @Override
        public boolean isValid(Double value, ConstraintValidatorContext context) {
            return value == null || (value >= min && value <= max);
        }
    }
}

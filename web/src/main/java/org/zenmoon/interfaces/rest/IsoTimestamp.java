package org.zenmoon.interfaces.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.zenmoon.application.TimeBounds;

/**
 * An ISO-8601 timestamp with an offset or {@code Z}, as API.md requires, within {@link TimeBounds} (null passes: add
 * {@code @NotNull}). A well-formed timestamp outside the bounds is named with the bounds' own message.
 */
@Constraint(validatedBy = IsoTimestamp.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoTimestamp {

    String message() default "must be an ISO-8601 timestamp with an offset, e.g. 2026-03-02T08:15:00Z";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<IsoTimestamp, String> {

        /** The instant of a value that passed the check. */
        static Instant instant(String value) {
            Instant utc = utc(value);
            return utc != null ? utc : OffsetDateTime.parse(value).toInstant();
        }

        /**
         * The instant of {@code yyyy-MM-ddTHH:mm:ssZ}, the form every phone sends, or null for any other text (which
         * {@link OffsetDateTime#parse} then decides on). A batch holds thousands of these, each read twice (checked,
         * then converted), and the general parser was a tenth of an upload's CPU time (docs/BENCHMARKS.md).
         */
        static Instant utc(String v) {
            if (v.length() != 20
                    || v.charAt(4) != '-'
                    || v.charAt(7) != '-'
                    || v.charAt(10) != 'T'
                    || v.charAt(13) != ':'
                    || v.charAt(16) != ':'
                    || v.charAt(19) != 'Z') {
                return null;
            }
            int year = digits(v, 0, 4);
            int month = digits(v, 5, 2);
            int day = digits(v, 8, 2);
            int hour = digits(v, 11, 2);
            int minute = digits(v, 14, 2);
            int second = digits(v, 17, 2);
            if (year < 0
                    || month < 1
                    || month > 12
                    || day < 1
                    || day > YearMonth.of(year, month).lengthOfMonth()
                    || hour < 0
                    || hour > 23
                    || minute < 0
                    || minute > 59
                    || second < 0
                    || second > 59) {
                return null;
            }
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second);
        }

        /** The number in {@code length} ASCII digits from {@code from}, or -1 if one of them is not a digit. */
        private static int digits(String v, int from, int length) {
            int n = 0;
            for (int i = from; i < from + length; i++) {
                char c = v.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                n = n * 10 + (c - '0');
            }
            return n;
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.length() > 40) {
                return false;
            }
            Instant t = utc(value);
            if (t == null) {
                try {
                    t = OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException e) {
                    return false;
                }
            }
            if (TimeBounds.holds(t)) {
                return true;
            }
            if (context != null) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(TimeBounds.MESSAGE).addConstraintViolation();
            }
            return false;
        }
    }
}

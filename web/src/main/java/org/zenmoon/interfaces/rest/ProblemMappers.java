package org.zenmoon.interfaces.rest;

import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.zenmoon.application.ConflictException;
import org.zenmoon.application.ForbiddenException;
import org.zenmoon.application.InvalidInputException;
import org.zenmoon.application.NotAuthenticatedException;
import org.zenmoon.application.NotFoundException;
import org.zenmoon.interfaces.http.RequestIdFilter;
import org.zenmoon.interfaces.security.BodySizeLimit;

/** Every failure leaves the API as a problem document; no stack trace ever reaches a client. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {}

    @Provider
    public static class Everything implements ExceptionMapper<Throwable> {

        /** For the request id that a 500's reference quotes (absent outside a request, as in unit tests). */
        @Context
        HttpServletRequest request;

        @Override
        public Response toResponse(Throwable e) {
            return problem(e, this::reference);
        }

        /**
         * The request's id (which the client also got in {@code X-Request-Id}, and which its audit rows carry), or a
         * new one outside a request.
         */
        String reference() {
            String id = null;
            try {
                id = request == null ? null : RequestIdFilter.of(request);
            } catch (IllegalStateException outsideARequest) {
                // A proxy without a request behind it.
            }
            return id == null ? UUID.randomUUID().toString() : id;
        }
    }

    /**
     * The problem document for {@code e}, as every entry point answers it (the API, and the MQTT bridge's
     * acknowledgements); {@code reference} names the unit of work that a 500 quotes.
     */
    public static Response problem(Throwable e, Supplier<String> reference) {
        Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof NotFoundException nf) {
            return Problems.response(404, "Not Found", nf.getMessage());
        }
        if (cause instanceof ForbiddenException forbidden) {
            return Problems.response(403, "Forbidden", forbidden.getMessage());
        }
        if (cause instanceof NotAuthenticatedException) {
            return Problems.response(401, "Unauthorized", cause.getMessage());
        }
        if (cause instanceof ConstraintViolationException cv) {
            return violations(cv);
        }
        InvalidInputException invalid = find(cause, InvalidInputException.class);
        if (invalid != null) {
            // Also when the JAX-RS runtime wrapped it, as it may for a body reader's refusal.
            return Problems.validation("The request is not valid.", invalid.fields());
        }
        if (cause instanceof ConflictException conflict) {
            return Problems.response(409, "Conflict", conflict.getMessage());
        }
        if (uniqueViolation(cause)) {
            // Two requests raced for the same name: the database's unique index refused the second.
            return Problems.response(409, "Conflict", "The request clashes with something that exists already.");
        }
        if (causedBy(cause, BodySizeLimit.TooLarge.class)) {
            return Problems.response(413, "Content Too Large", "The request body is too large.");
        }
        if (causedBy(cause, ProcessingException.class)
                || causedBy(cause, JsonbException.class)
                || causedBy(cause, JsonException.class)) {
            return Problems.response(400, "Bad Request", "The request body is not valid JSON of the expected shape.");
        }
        if (cause instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            Response.StatusType type = wae.getResponse().getStatusInfo();
            return Problems.response(status, type.getReasonPhrase(), status >= 500 ? null : wae.getMessage());
        }
        // Exception messages can quote children's data (a database error repeats the failing row), so the
        // log gets the classes, SQL states and code locations of the chain, never a message.
        String ref = reference.get();
        LOG.severe(() -> "Unhandled failure, reference " + ref + ": " + describe(cause));
        return Problems.response(500, "Internal Server Error", "Unexpected failure; reference " + ref + ".");
    }

    static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        return find(t, type) != null;
    }

    /** The first throwable of the type in the chain, or null. */
    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** PostgreSQL's unique_violation (SQLState 23505) anywhere in the chain. */
    static boolean uniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The exception chain without messages: class, SQL state, and the first frames of each. */
    public static String describe(Throwable t) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable c = t; c != null && depth < 8; c = c.getCause() == c ? null : c.getCause(), depth++) {
            out.append(depth == 0 ? "" : " <- ").append(c.getClass().getName());
            if (c instanceof SQLException sql) {
                out.append(" [SQLState ").append(sql.getSQLState()).append(']');
            }
            StackTraceElement[] frames = c.getStackTrace();
            for (int i = 0; i < Math.min(3, frames.length); i++) {
                out.append(i == 0 ? " at " : ", ").append(frames[i]);
            }
        }
        return out.toString();
    }

    /** More specific than the Bean Validation provider's own mapper, so validation errors get our format. */
    @Provider
    public static class Validation implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            return violations(e);
        }
    }

    static Response violations(ConstraintViolationException cv) {
        Map<String, String> fields = new LinkedHashMap<>();
        cv.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v -> fields.putIfAbsent(field(v), v.getMessage()));
        return Problems.validation("The request is not valid.", fields);
    }

    /**
     * The field as the client wrote it, {@code epochs[17].hr}: the path without the method and parameter that
     * Bean Validation puts first.
     */
    static String field(ConstraintViolation<?> v) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : v.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD
                    || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.PARAMETER
                    || kind == ElementKind.CROSS_PARAMETER
                    || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && kind != ElementKind.CONTAINER_ELEMENT) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }
}

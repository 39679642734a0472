package org.zenmoon.interfaces.rest;

import jakarta.ejb.EJBException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zenmoon.application.NotAuthenticatedException;
import org.zenmoon.application.NotFoundException;

/** Every failure leaves the API as a problem document; no stack trace ever reaches a client. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    @Provider
    public static class Everything implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof NotFoundException nf) {
                return Problems.response(404, "Not Found", nf.getMessage());
            }
            if (cause instanceof NotAuthenticatedException) {
                return Problems.response(401, "Unauthorized", cause.getMessage());
            }
            if (cause instanceof ConstraintViolationException cv) {
                return violations(cv);
            }
            if (cause instanceof WebApplicationException wae) {
                int status = wae.getResponse().getStatus();
                Response.StatusType type = wae.getResponse().getStatusInfo();
                return Problems.response(status, type.getReasonPhrase(), status >= 500 ? null : wae.getMessage());
            }
            // The log gets the exception class and a reference, never request data.
            String ref = Long.toHexString(System.nanoTime());
            LOG.log(Level.SEVERE, "Unhandled failure, reference " + ref, cause);
            return Problems.response(500, "Internal Server Error", "Unexpected failure; reference " + ref + ".");
        }
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
        for (ConstraintViolation<?> v : cv.getConstraintViolations()) {
            String path = v.getPropertyPath().toString();
            fields.put(path.substring(path.lastIndexOf('.') + 1), v.getMessage());
        }
        return Problems.validation("The request is not valid.", fields);
    }
}

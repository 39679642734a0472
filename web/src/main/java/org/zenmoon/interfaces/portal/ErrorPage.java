package org.zenmoon.interfaces.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zenmoon.interfaces.rest.ProblemMappers;

/**
 * The portal's error page: what went wrong in words a user can act on, and a reference that finds the details in
 * the server log. No exception text reaches the page (it can quote a child's data), and the log gets the
 * exception's classes and code locations, never its message.
 */
@Named
@RequestScoped
public class ErrorPage {

    private static final Logger LOG = Logger.getLogger(ErrorPage.class.getName());

    @Inject
    FacesContext faces;

    private String reference;

    public int getStatus() {
        Object status = attributes().get(RequestDispatcher.ERROR_STATUS_CODE);
        return status instanceof Integer code ? code : 500;
    }

    public boolean isNotFound() {
        return getStatus() == 404;
    }

    /**
     * The reference of this failure: the one {@link PortalExceptions} logged and passed on, or else a new one,
     * logged once with what the container knows about the failure.
     */
    public String getReference() {
        String passed = faces.getExternalContext().getRequestParameterMap().get("ref");
        if (reference == null && passed != null && passed.matches("[0-9a-f]{1,16}")) {
            reference = passed;
        }
        if (reference == null) {
            reference = Long.toHexString(System.nanoTime());
            Object failure = attributes().get(RequestDispatcher.ERROR_EXCEPTION);
            int status = getStatus();
            Level level = status >= 500 ? Level.SEVERE : Level.FINE;
            LOG.log(
                    level,
                    () -> "Portal answered " + status + ", reference " + reference
                            + (failure instanceof Throwable t ? ": " + ProblemMappers.describe(t) : ""));
        }
        return reference;
    }

    private Map<String, Object> attributes() {
        return faces.getExternalContext().getRequestMap();
    }
}

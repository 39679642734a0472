package org.zenmoon.interfaces.portal;

import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.util.Iterator;
import java.util.logging.Logger;
import org.zenmoon.interfaces.rest.ProblemMappers;

/**
 * What becomes of an exception in a portal page or Ajax request: an expired view (an idle session ended, or a
 * form posted without the session's view state) leads to the log-in page; anything else to the error page with a
 * reference. The log gets the reference and the exception's classes and code locations, never its message
 * (it can quote a child's data), and the browser gets neither. Declared in faces-config.xml.
 */
public class PortalExceptions extends ExceptionHandlerFactory {

    private static final Logger LOG = Logger.getLogger(PortalExceptions.class.getName());

    public PortalExceptions(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    private static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            FacesContext faces = FacesContext.getCurrentInstance();
            Iterator<ExceptionQueuedEvent> events =
                    getUnhandledExceptionQueuedEvents().iterator();
            if (faces != null && events.hasNext()) {
                Throwable failure = events.next().getContext().getException();
                ExternalContext ext = faces.getExternalContext();
                if (!ext.isResponseCommitted()) {
                    String target;
                    if (causedBy(failure, ViewExpiredException.class)) {
                        target = "/login.xhtml?expired=true";
                    } else {
                        String ref = Long.toHexString(System.nanoTime());
                        LOG.severe(() -> "Portal failure, reference " + ref + ": " + ProblemMappers.describe(failure));
                        target = "/error.xhtml?ref=" + ref;
                    }
                    events.remove();
                    while (events.hasNext()) {
                        events.next();
                        events.remove();
                    }
                    try {
                        ext.redirect(ext.getRequestContextPath() + target);
                        faces.responseComplete();
                    } catch (IOException e) {
                        throw new IllegalStateException("cannot redirect after a portal failure", e);
                    }
                    return;
                }
            }
            getWrapped().handle();
        }

        private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
            for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (type.isInstance(c)) {
                    return true;
                }
            }
            return false;
        }
    }
}

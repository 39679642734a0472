package org.zenmoon.interfaces.portal;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.io.IOException;

/** What a portal page says back: a message at the top of the page, or the 403 page for an account without the right. */
final class PageAnswers {

    private PageAnswers() {}

    static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    static void warn(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, text, null));
    }

    /**
     * For a page's view action: the 403 page (which says where to go instead) unless the account has the page's
     * right; {@code reason} goes to the error page's log line, never a child's data.
     */
    static void refuseUnless(boolean allowed, String reason) throws IOException {
        if (!allowed) {
            FacesContext faces = FacesContext.getCurrentInstance();
            faces.getExternalContext().responseSendError(403, reason);
            faces.responseComplete();
        }
    }
}

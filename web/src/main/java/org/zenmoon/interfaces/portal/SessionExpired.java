package org.zenmoon.interfaces.portal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Where a page whose view has expired (an idle session ended, or a form posted without the session's view
 * state) leads: back to the log-in page, which says so.
 */
/* Declared in web.xml as the error page of ViewExpiredException. */
public class SessionExpired extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + "/login.xhtml?expired=true");
    }
}

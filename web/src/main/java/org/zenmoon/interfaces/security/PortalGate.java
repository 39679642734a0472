package org.zenmoon.interfaces.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.zenmoon.application.NotAuthenticatedException;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;

/**
 * The portal's pages are for those the access policy lets use the portal; anyone else logged in gets 403 (the
 * page that says where to go instead). Log-in itself is enforced by the container before this filter runs.
 */
/* Declared in web.xml, after the caller binding. */
public class PortalGate extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient CallerContext callers;

    @Inject
    transient AccessPolicy policy;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean allowed;
        try {
            allowed = policy.permits(callers.current(), Permission.USE_PORTAL);
        } catch (NotAuthenticatedException e) {
            allowed = false;
        }
        if (allowed) {
            chain.doFilter(request, response);
        } else {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
        }
    }
}

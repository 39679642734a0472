package org.zenmoon.interfaces.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.zenmoon.application.security.Accounts;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.interfaces.http.RequestIdFilter;

/**
 * Binds the caller of every HTTP request once, from the principal the authentication mechanism established (its
 * name is the account's id). The account is looked up only if the request's work asks who is calling, and then
 * with its roles as they are now. The request's id ({@link RequestIdFilter}) is bound with it, for the audit trail.
 */
/* Declared in web.xml, which orders it before the portal gate. */
public class CallerBinding extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient CallerContext callers;

    @Inject
    transient Accounts accounts;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Principal principal = request.getUserPrincipal();
        try {
            callers.callAs(
                    () -> principal == null
                            ? null
                            : accounts.callerWithId(principal.getName()).orElse(null),
                    RequestIdFilter.of(request),
                    () -> {
                        chain.doFilter(request, response);
                        return null;
                    });
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}

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
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.interfaces.http.RequestIdFilter;

/**
 * Binds the caller of every HTTP request once: the caller the authentication mechanism already resolved (a
 * token or portal session is checked against the account on every request, with its roles as they are now), or
 * else, from the principal (its name is the account's id), looked up only if the request's work asks. The
 * request's id ({@link RequestIdFilter}) is bound with it, for the audit trail.
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
        Object resolved = request.getAttribute(ZenMoonAuthentication.RESOLVED_CALLER);
        try {
            callers.callAs(
                    () -> resolved instanceof Caller caller
                                    && principal != null
                                    && principal.getName().equals(caller.userId())
                            ? caller
                            : principal == null
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

package org.zenmoon.interfaces.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.zenmoon.application.security.Accounts;
import org.zenmoon.application.security.Caller;
import org.zenmoon.interfaces.rest.Problems;

/**
 * The single authentication mechanism of the application (Jakarta Security 3 allows only one), with two
 * separate channels that never stand in for each other:
 * <ul>
 * <li>{@code /api/*}: a bearer token on every request, nothing else. No session is created or consulted, so
 * a token cannot outlive its expiry through a cookie.</li>
 * <li>the portal: the log-in form calls {@code SecurityContext.authenticate} with a user name and password;
 * on success the portal session remembers the caller until log-out or time-out. Bearer tokens are ignored
 * there.</li>
 * </ul>
 * An unauthenticated request for a protected resource gets a 401 problem document under {@code /api}, and a
 * redirect to the log-in page in the portal.
 */
@ApplicationScoped
public class ZenMoonAuthentication implements HttpAuthenticationMechanism {

    public static final String LOGIN_PAGE = "/login.xhtml";
    /** Request attribute with the {@link Accounts.LogIn} of a failed portal log-in, for the log-in page. */
    public static final String LOGIN_OUTCOME = "zenmoon.portal.login";

    private static final String SESSION_CALLER = "zenmoon.portal.caller";

    /** What the portal session keeps of the logged-in caller. */
    /**
     * What the portal session keeps of the logged-in caller: the account's id, which never passes to another
     * account. Roles are read afresh on every request (CallerBinding), not from here.
     */
    private record PortalCaller(String userId, Set<String> groups) implements Serializable {}

    @Inject
    ApiTokens tokens;

    @Inject
    Accounts accounts;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        // The container's decoded and normalised path, so that //api or /./api cannot dodge the API rules.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.startsWith("/api/")) {
            return api(request, response, context);
        }
        if (context.isAuthenticationRequest()
                && context.getAuthParameters().getCredential() instanceof UsernamePasswordCredential credential) {
            Accounts.LogIn login = accounts.logIn(
                    credential.getCaller(), credential.getPassword().getValue());
            if (!login.succeeded()) {
                request.setAttribute(LOGIN_OUTCOME, login);
                return AuthenticationStatus.SEND_FAILURE;
            }
            PortalCaller caller = new PortalCaller(login.caller().userId(), groups(login.caller()));
            request.getSession(true).setAttribute(SESSION_CALLER, caller);
            return context.notifyContainerAboutLogin(caller.userId(), caller.groups());
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_CALLER) instanceof PortalCaller caller) {
            return context.notifyContainerAboutLogin(caller.userId(), caller.groups());
        }
        return context.isProtected() ? context.redirect(request.getContextPath() + LOGIN_PAGE) : context.doNothing();
    }

    private AuthenticationStatus api(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<ApiTokens.Verified> token =
                    tokens.verify(authorization.substring(7).trim());
            if (token.isEmpty()) {
                return unauthorized(response, "The bearer token is invalid or has expired.");
            }
            return context.notifyContainerAboutLogin(
                    token.get().userId(), token.get().groups());
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return unauthorized(response, "Authentication is required: send an API token as a bearer token.");
    }

    /** The caller's roles as container groups (no code relies on them: the access policy decides). */
    private static Set<String> groups(Caller caller) {
        return caller.roles().stream().map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response, String detail) {
        try {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"zenmoon\"");
            response.setCharacterEncoding("UTF-8");
            response.setContentType(Problems.MEDIA_TYPE);
            response.getWriter().write(Problems.json(401, "Unauthorized", detail));
            response.flushBuffer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}

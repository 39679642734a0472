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
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.zenmoon.application.security.Accounts;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.DeviceToken;
import org.zenmoon.interfaces.rest.Problems;

/**
 * The single authentication mechanism of the application (Jakarta Security 3 allows only one), with two
 * separate channels that never stand in for each other:
 * <ul>
 * <li>{@code /api/*}: a bearer token on every request, nothing else. No session is created or consulted, so
 * a token cannot outlive its expiry through a cookie.</li>
 * <li>the portal: the log-in form calls {@code SecurityContext.authenticate} with a user name and password;
 * on success the session gets a new id (against fixation) and remembers the account's id and token version
 * until log-out or {@code zenmoon.portal.idle-minutes} without a request. Bearer tokens are ignored there.</li>
 * </ul>
 * Under {@code /api/*} a bearer token that starts with {@code zmd.} is a paired device's token ({@link DeviceToken}),
 * checked by {@link DeviceAuthentication} against the device's stored hash on every request: an unpaired device's
 * token gets the same 401 as a bad JWT, and a good one is a DEVICE caller, which may upload and nothing else.
 * Both channels look the account up once per request ({@code Accounts.callerWithToken}): a token or session
 * whose account is gone, disabled, or has a newer token version (log-out, password or role change) is refused,
 * with a 401 problem document under {@code /api} and the end of the session in the portal. The caller found is
 * handed to {@link CallerBinding} in a request attribute, so the request does not read the account twice.
 * An unauthenticated request for a protected resource gets a 401 problem document under {@code /api}, and a
 * redirect to the log-in page in the portal.
 * <p>{@code /ws/*} (WebSocket handshakes): the browser's WebSocket API cannot set an {@code Authorization} header,
 * so the access token comes as the subprotocols {@code bearer, TOKEN} ({@link #subprotocolToken}), never in the URL.
 * It is checked as an API bearer token is, and only a user's access token passes (a device's token is refused):
 * anything else gets the 401 before the upgrade.
 */
@ApplicationScoped
public class ZenMoonAuthentication implements HttpAuthenticationMechanism {

    public static final String LOGIN_PAGE = "/login.xhtml";
    /** Request attribute with the {@link Accounts.LogIn} of a failed portal log-in, for the log-in page. */
    public static final String LOGIN_OUTCOME = "zenmoon.portal.login";

    /** Request attribute with the {@link Caller} this mechanism resolved, for {@link CallerBinding}. */
    static final String RESOLVED_CALLER = "zenmoon.caller";

    private static final String SESSION_CALLER = "zenmoon.portal.caller";
    private static final String FACES_RESOURCES = "/jakarta.faces.resource/";

    /**
     * What the portal session keeps of the logged-in caller: the account's id, which never passes to another
     * account, and its token version at log-in. Roles are read afresh on every request, not from here.
     */
    private record PortalCaller(String userId, int tokenVersion) implements Serializable {}

    @Inject
    ApiTokens tokens;

    @Inject
    Accounts accounts;

    @Inject
    DeviceAuthentication deviceTokens;

    @Inject
    @ConfigProperty(name = "zenmoon.portal.idle-minutes", defaultValue = "15")
    int idleMinutes;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        // The 401s and redirects below are answered before any filter runs, so they get the headers here.
        SecurityHeaders.apply(request, response);
        // The container's decoded and normalised path, so that //api or /./api cannot dodge the API rules.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.startsWith("/api/")) {
            return api(request, response, context);
        }
        if (path.startsWith("/ws/")) {
            return socket(request, response, context);
        }
        if (context.isAuthenticationRequest()
                && context.getAuthParameters().getCredential() instanceof UsernamePasswordCredential credential) {
            return portalLogIn(request, context, credential);
        }
        HttpSession session = request.getSession(false);
        if (session != null
                && session.getAttribute(SESSION_CALLER) instanceof PortalCaller remembered
                && !path.startsWith(FACES_RESOURCES)) {
            Optional<Caller> caller = accounts.callerWithToken(remembered.userId(), remembered.tokenVersion());
            if (caller.isPresent()) {
                request.setAttribute(RESOLVED_CALLER, caller.get());
                return context.notifyContainerAboutLogin(caller.get().userId(), groups(caller.get()));
            }
            // Disabled, gone, logged out elsewhere, or a new password or roles: this session is over.
            session.invalidate();
        }
        return context.isProtected() ? context.redirect(request.getContextPath() + LOGIN_PAGE) : context.doNothing();
    }

    private AuthenticationStatus portalLogIn(
            HttpServletRequest request, HttpMessageContext context, UsernamePasswordCredential credential) {
        Accounts.LogIn login =
                accounts.logIn(credential.getCaller(), credential.getPassword().getValue(), request.getRemoteAddr());
        if (!login.succeeded()) {
            request.setAttribute(LOGIN_OUTCOME, login);
            return AuthenticationStatus.SEND_FAILURE;
        }
        // A session that existed before log-in (the log-in form's own) gets a new id: a planted id learns nothing.
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        HttpSession session = request.getSession(true);
        session.setMaxInactiveInterval(Math.max(1, idleMinutes) * 60);
        session.setAttribute(SESSION_CALLER, new PortalCaller(login.caller().userId(), login.tokenVersion()));
        request.setAttribute(RESOLVED_CALLER, login.caller());
        return context.notifyContainerAboutLogin(login.caller().userId(), groups(login.caller()));
    }

    private AuthenticationStatus api(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String bearer = authorization.substring(7).trim();
            Optional<Caller> caller = deviceTokens.isDeviceToken(bearer)
                    ? deviceTokens.caller(bearer)
                    : tokens.verify(bearer)
                            .flatMap(token -> accounts.callerWithToken(token.userId(), token.tokenVersion()));
            if (caller.isEmpty()) {
                return unauthorized(response, "The bearer token is invalid, has expired or has been revoked.");
            }
            request.setAttribute(RESOLVED_CALLER, caller.get());
            return context.notifyContainerAboutLogin(caller.get().userId(), groups(caller.get()));
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return unauthorized(response, "Authentication is required: send an API token as a bearer token.");
    }

    /** The name of the subprotocol after which a WebSocket handshake carries the access token. */
    public static final String BEARER_SUBPROTOCOL = "bearer";

    private AuthenticationStatus socket(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        Optional<String> token = subprotocolToken(Collections.list(request.getHeaders("Sec-WebSocket-Protocol")));
        Optional<Caller> caller = token.filter(t -> !deviceTokens.isDeviceToken(t))
                .flatMap(tokens::verify)
                .flatMap(t -> accounts.callerWithToken(t.userId(), t.tokenVersion()));
        if (caller.isEmpty()) {
            return unauthorized(
                    response,
                    token.isEmpty()
                            ? "Authentication is required: send the access token as the subprotocols bearer, TOKEN."
                            : "The access token is invalid, has expired or has been revoked.");
        }
        request.setAttribute(RESOLVED_CALLER, caller.get());
        return context.notifyContainerAboutLogin(caller.get().userId(), groups(caller.get()));
    }

    /**
     * The token in the subprotocols a WebSocket client offers: the one right after {@code bearer}, in the header
     * values as sent ({@code Sec-WebSocket-Protocol: bearer, TOKEN}, possibly split over several headers).
     */
    public static Optional<String> subprotocolToken(List<String> headerValues) {
        List<String> offered = headerValues.stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
        int bearer = offered.indexOf(BEARER_SUBPROTOCOL);
        return bearer < 0 || bearer + 1 >= offered.size() ? Optional.empty() : Optional.of(offered.get(bearer + 1));
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

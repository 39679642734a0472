package org.zenmoon.interfaces.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.zenmoon.interfaces.rest.Problems;

/**
 * The single authentication mechanism of the application, because Jakarta Security 3 allows only one:
 * <ul>
 * <li>a request with {@code Authorization: Bearer} is authenticated by its API token alone (no session);</li>
 * <li>the portal's log-in form calls {@code SecurityContext.authenticate} with a user name and password,
 * checked against the account store, and the portal session remembers the result;</li>
 * <li>an unauthenticated request for a protected resource gets a 401 problem document under {@code /api},
 * and a redirect to the log-in page in the portal.</li>
 * </ul>
 */
@ApplicationScoped
@AutoApplySession
public class ZenMoonAuthentication implements HttpAuthenticationMechanism {

    public static final String LOGIN_PAGE = "/login.xhtml";

    @Inject
    ApiTokens tokens;

    @Inject
    AccountIdentityStore accounts;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<ApiTokens.Verified> token = tokens.verify(authorization.substring(7).trim());
            if (token.isEmpty()) {
                return unauthorized(response, context, "The bearer token is invalid or has expired.");
            }
            return context.notifyContainerAboutLogin(token.get().username(), token.get().groups());
        }
        if (context.isAuthenticationRequest()
                && context.getAuthParameters().getCredential() instanceof UsernamePasswordCredential credential) {
            CredentialValidationResult result = accounts.validate(credential);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            return unauthorized(response, context, "Authentication is required: send an API token as a bearer token.");
        }
        return context.redirect(request.getContextPath() + LOGIN_PAGE);
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response, HttpMessageContext context,
                                                     String detail) {
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

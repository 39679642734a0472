package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.zenmoon.infrastructure.persistence.UserAccounts;
import org.zenmoon.interfaces.security.AccountIdentityStore;
import org.zenmoon.interfaces.security.ApiTokens;
import org.zenmoon.interfaces.security.LoginThrottle;
import org.zenmoon.interfaces.security.SigningKey;

/** Exchanges a user name and password for an API token. */
@Path("/auth/token")
public class AuthResource {

    /** Validated by hand: Payara's OpenAPI generator fails on Bean Validation annotations of record components. */
    public record TokenRequest(String username, String password) {
        Map<String, String> problems() {
            Map<String, String> p = new LinkedHashMap<>();
            if (username == null || username.isBlank() || username.length() > 100) {
                p.put("username", "must be 1 to 100 characters");
            }
            if (password == null || password.length() > 200) {
                p.put("password", "must be given, at most 200 characters");
            }
            return p;
        }
    }

    public record TokenResponse(String accessToken, String tokenType, long expiresIn, List<String> roles) {}

    @Inject
    AccountIdentityStore identityStore;

    @Inject
    ApiTokens tokens;

    @Inject
    SigningKey signingKey;

    @Inject
    LoginThrottle throttle;

    @Inject
    UserAccounts accounts;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an API token", description = "401 for wrong credentials; 429 after repeated failures.")
    public Response issue(TokenRequest request) {
        Map<String, String> invalid = request == null
                ? Map.of("body", "a JSON object with username and password is required")
                : request.problems();
        if (!invalid.isEmpty()) {
            return Problems.validation("The token request is not valid.", invalid);
        }
        long wait = throttle.attempt(request.username());
        if (wait > 0) {
            return Response.fromResponse(Problems.response(
                            429, "Too Many Requests", "Too many failed log-ins for this user; try again later."))
                    .header("Retry-After", wait)
                    .build();
        }
        if (!signingKey.usable()) {
            return Problems.response(503, "Service Unavailable", "Token signing is not configured.");
        }
        CredentialValidationResult result = identityStore.validate(
                new UsernamePasswordCredential(request.username(), new Password(request.password())));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return Problems.response(401, "Unauthorized", "Wrong user name or password.");
        }
        throttle.succeeded(request.username());
        String userId =
                accounts.findByUsername(request.username()).orElseThrow().getId();
        Set<String> groups = result.getCallerGroups();
        String token = tokens.issue(userId, result.getCallerPrincipal().getName(), groups);
        return Response.ok(new TokenResponse(
                        token,
                        "Bearer",
                        tokens.lifetimeSeconds(),
                        groups.stream().sorted().toList()))
                .header("Cache-Control", "no-store")
                .build();
    }
}

package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.zenmoon.application.security.Accounts;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.interfaces.security.ApiTokens;
import org.zenmoon.interfaces.security.SigningKey;

/** Exchanges a user name and password for an API token, and logs out (revoking every token of the account). */
@Path("/auth")
public class AuthResource {

    /**
     * The request body. A class rather than a record: Payara's OpenAPI generator fails on Bean Validation
     * annotations of record components.
     */
    public static class TokenRequest {
        @NotBlank(message = "must be 1 to 100 characters")
        @Size(max = Accounts.MAX_USERNAME_LENGTH, message = "must be 1 to 100 characters")
        @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
        private String username;

        @NotNull(message = "must be given, at most 200 characters")
        @Size(max = 200, message = "must be given, at most 200 characters")
        private String password;

        public TokenRequest() {}

        public TokenRequest(String username, String password) {
            this.username = username;
            this.password = password;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }

    public record TokenResponse(String accessToken, String tokenType, long expiresIn, List<String> roles) {}

    @Inject
    Accounts accounts;

    @Inject
    ApiTokens tokens;

    @Inject
    SigningKey signingKey;

    @Inject
    CallerContext callers;

    @Context
    HttpServletRequest http;

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an API token", description = "401 for wrong credentials; 429 after repeated failures.")
    public Response issue(
            @Valid @NotNull(message = "a JSON object with username and password is required") TokenRequest request) {
        if (!signingKey.usable()) {
            return Problems.response(503, "Service Unavailable", "Token signing is not configured.");
        }
        Accounts.LogIn login =
                accounts.logIn(request.getUsername(), request.getPassword().toCharArray(), http.getRemoteAddr());
        switch (login.outcome()) {
            case THROTTLED:
                return Response.fromResponse(Problems.response(
                                429, "Too Many Requests", "Too many failed log-ins; try again later."))
                        .header("Retry-After", login.retryAfterSeconds())
                        .build();
            case FAILED:
                return Problems.response(401, "Unauthorized", "Wrong user name or password.");
            default:
                Caller caller = login.caller();
                List<String> roles =
                        caller.roles().stream().map(Enum::name).sorted().toList();
                String token = tokens.issue(caller.userId(), caller.username(), roles, login.tokenVersion());
                return Response.ok(new TokenResponse(token, "Bearer", tokens.lifetimeSeconds(), roles))
                        .header("Cache-Control", "no-store")
                        .build();
        }
    }

    @POST
    @Path("/logout")
    @Operation(
            summary = "Log out",
            description = "Revokes every API token and ends every portal session of the calling account: 204.")
    public Response logOut() {
        accounts.logOut(callers.current().userId());
        return Response.noContent().build();
    }
}

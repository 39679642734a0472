package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.zenmoon.application.UserAdministration;
import org.zenmoon.domain.model.user.AppUser;

/**
 * A tenant admin's accounts: create, list, change roles and cohorts, reset a password, disable. Each change of
 * roles or password, and disabling, ends the account's tokens. Accounts of other tenants answer 404.
 */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class UserResource {

    static final String USERNAME_MESSAGE = AppUser.USERNAME_RULE;

    public static class NewUser {
        @NotNull(message = USERNAME_MESSAGE)
        @Pattern(regexp = AppUser.USERNAME_PATTERN, message = USERNAME_MESSAGE)
        private String username;

        @NotNull(message = "must be given")
        private String password;

        @NotEmpty(message = "must name at least one role")
        @Size(max = 4, message = "must name at most 4 roles")
        private List<String> roles;

        @Size(max = 200, message = "must name at most 200 cohorts")
        private List<String> cohortIds;

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

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }

        public List<String> getCohortIds() {
            return cohortIds;
        }

        public void setCohortIds(List<String> cohortIds) {
            this.cohortIds = cohortIds;
        }
    }

    /** Either or both; an absent one stays as it is. */
    public static class Change {
        @Size(min = 1, max = 4, message = "must name 1 to 4 roles")
        private List<String> roles;

        @Size(max = 200, message = "must name at most 200 cohorts")
        private List<String> cohortIds;

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }

        public List<String> getCohortIds() {
            return cohortIds;
        }

        public void setCohortIds(List<String> cohortIds) {
            this.cohortIds = cohortIds;
        }
    }

    public static class NewPassword {
        @NotNull(message = "must be given")
        private String password;

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }

    public record Created(String userId) {}

    @Inject
    UserAdministration users;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create an account in the caller's tenant",
            description = "TENANT_ADMIN. roles: TENANT_ADMIN, COUNSELLOR, CLINICIAN, GUARDIAN (403 for others); "
                    + "cohortIds only for counsellors and clinicians. Passwords: 12 to 128 characters, not containing "
                    + "the user name, not a common password. 409 when the user name is taken in any case.")
    public Response create(@Valid @NotNull(message = "a JSON object describing the account is required") NewUser u) {
        String id = users.create(
                new UserAdministration.NewUser(u.getUsername(), u.getPassword(), u.getRoles(), u.getCohortIds()));
        return Response.status(Response.Status.CREATED).entity(new Created(id)).build();
    }

    @GET
    @Operation(summary = "The accounts of the caller's tenant", description = "TENANT_ADMIN.")
    public List<UserAdministration.UserView> list() {
        return users.list();
    }

    @GET
    @Path("/{userId}")
    @Operation(summary = "One account of the caller's tenant", description = "TENANT_ADMIN.")
    public UserAdministration.UserView get(@PathParam("userId") String userId) {
        return users.get(userId);
    }

    @PATCH
    @Path("/{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change an account's roles or cohort assignments",
            description = "TENANT_ADMIN. A change of roles ends the account's tokens; an account that no longer "
                    + "looks after cohorts loses its assignments. 409 for a disabled account.")
    public UserAdministration.UserView change(
            @PathParam("userId") String userId,
            @Valid @NotNull(message = "a JSON object with roles or cohortIds is required") Change c) {
        return users.change(userId, c.getRoles(), c.getCohortIds());
    }

    @PUT
    @Path("/{userId}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Reset an account's password",
            description = "TENANT_ADMIN, who hands the new password over. 204; the account's tokens end. 409 for a "
                    + "disabled account.")
    public Response resetPassword(
            @PathParam("userId") String userId,
            @Valid @NotNull(message = "a JSON object with the password is required") NewPassword p) {
        users.resetPassword(userId, p.getPassword());
        return Response.noContent().build();
    }

    @POST
    @Path("/{userId}/disable")
    @Operation(
            summary = "Disable an account",
            description = "TENANT_ADMIN. 204; it can no longer log in and its tokens end. Not one's own account.")
    public Response disable(@PathParam("userId") String userId) {
        users.disable(userId);
        return Response.noContent().build();
    }
}

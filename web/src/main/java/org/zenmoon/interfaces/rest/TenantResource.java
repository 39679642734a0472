package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.zenmoon.application.TenantAdministration;
import org.zenmoon.domain.model.tenant.TenantKind;
import org.zenmoon.domain.model.user.AppUser;

/** Schools and clinics, for the platform admin: each is created with its first tenant admin. */
@Path("/tenants")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class TenantResource {

    /** A class rather than a record: Payara's OpenAPI generator fails on Bean Validation annotations of records. */
    public static class NewTenant {
        @NotBlank(message = "must be 1 to 200 characters")
        @Size(max = 200, message = "must be 1 to 200 characters")
        @Pattern(regexp = Requests.NO_CONTROL_CHARACTERS, message = Requests.NO_CONTROL_CHARACTERS_MESSAGE)
        private String name;

        @NotNull(message = "must be SCHOOL or CLINIC")
        @Pattern(regexp = "SCHOOL|CLINIC", message = "must be SCHOOL or CLINIC")
        private String kind;

        @NotNull(message = "must be given, e.g. FERPA, HIPAA or GDPR")
        @Pattern(
                regexp = "[A-Za-z0-9][A-Za-z0-9 +._-]{0,31}",
                message = "must be 1 to 32 letters, digits, spaces or + . _ -, e.g. FERPA, HIPAA or GDPR")
        private String legalRegime;

        @NotNull(message = "must be 1 to 36500 days")
        @Min(value = 1, message = "must be 1 to 36500 days")
        @Max(value = 36500, message = "must be 1 to 36500 days")
        private Integer retentionDays;

        @NotNull(message = "must be given")
        @Pattern(
                regexp = AppUser.USERNAME_PATTERN,
                message = "must be 3 to 100 letters, digits or . _ @ -, starting with a letter or digit")
        private String adminUsername;

        @NotNull(message = "must be given")
        private String adminPassword;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getKind() {
            return kind;
        }

        public void setKind(String kind) {
            this.kind = kind;
        }

        public String getLegalRegime() {
            return legalRegime;
        }

        public void setLegalRegime(String legalRegime) {
            this.legalRegime = legalRegime;
        }

        public Integer getRetentionDays() {
            return retentionDays;
        }

        public void setRetentionDays(Integer retentionDays) {
            this.retentionDays = retentionDays;
        }

        public String getAdminUsername() {
            return adminUsername;
        }

        public void setAdminUsername(String adminUsername) {
            this.adminUsername = adminUsername;
        }

        public String getAdminPassword() {
            return adminPassword;
        }

        public void setAdminPassword(String adminPassword) {
            this.adminPassword = adminPassword;
        }
    }

    @Inject
    TenantAdministration tenants;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a school or clinic with its first tenant admin",
            description = "PLATFORM_ADMIN. 201 with tenantId and adminUserId; 409 when the name or user name is "
                    + "taken; 400 names the password rule that failed.")
    public Response create(@Valid @NotNull(message = "a JSON object describing the tenant is required") NewTenant t) {
        TenantAdministration.Created created = tenants.create(new TenantAdministration.NewTenant(
                t.getName(),
                TenantKind.valueOf(t.getKind()),
                t.getLegalRegime(),
                t.getRetentionDays(),
                t.getAdminUsername(),
                t.getAdminPassword()));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Operation(summary = "Every tenant", description = "PLATFORM_ADMIN.")
    public List<TenantAdministration.TenantView> list() {
        return tenants.list();
    }
}

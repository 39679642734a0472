package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.zenmoon.application.TenantSettings;

/**
 * The tenant admin's own school or clinic: how many days it keeps a child's data (the nightly retention job deletes
 * what is older) and the time zone its nightly jobs run in.
 */
@Path("/admin/settings")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class SettingsResource {

    /** Either or both; an absent one stays as it is. A class, as {@link TenantResource.NewTenant} says why. */
    public static class Change {
        @Min(value = TenantSettings.MIN_RETENTION_DAYS, message = TenantSettings.RETENTION_RULE)
        @Max(value = TenantSettings.MAX_RETENTION_DAYS, message = TenantSettings.RETENTION_RULE)
        private Integer retentionDays;

        @ZoneRegion
        private String timeZone;

        public Integer getRetentionDays() {
            return retentionDays;
        }

        public void setRetentionDays(Integer retentionDays) {
            this.retentionDays = retentionDays;
        }

        public String getTimeZone() {
            return timeZone;
        }

        public void setTimeZone(String timeZone) {
            this.timeZone = timeZone;
        }
    }

    @Inject
    TenantSettings settings;

    @GET
    @Operation(
            summary = "The caller's own tenant and its settings",
            description = "TENANT_ADMIN. tenantId, name, kind, legalRegime, retentionDays, timeZone.")
    public TenantSettings.Settings get() {
        return settings.current();
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change the retention period, the time zone or both",
            description = "TENANT_ADMIN. retentionDays 1 to 36500: each night, a child's data older than that is "
                    + "deleted (the audit log and consents stay); timeZone a region id such as Europe/Berlin: the "
                    + "nightly jobs run at night there. 200 with the new settings; 400 names each bad field and "
                    + "stores nothing.")
    public TenantSettings.Settings change(
            @Valid @NotNull(message = "a JSON object with retentionDays or timeZone is required") Change c) {
        return settings.change(c.getRetentionDays(), c.getTimeZone());
    }
}

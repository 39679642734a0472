package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.zenmoon.application.InvalidInputException;
import org.zenmoon.application.ModelReports;

/** The recommender's A/B test and model history, for the tenant admin. */
@Path("/admin/ab-report")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class ModelResource {

    @Inject
    ModelReports reports;

    @GET
    @Operation(
            summary = "The recommender's A/B report",
            description = "TENANT_ADMIN. Per arm (control: the active model, candidate: the one under test) the model"
                    + " version, recommendations served, exposures (answered), 👍 count and rate with its 95% Wilson"
                    + " interval; the two-proportion test's p-value; every model version with its offline evaluation;"
                    + " and the latest steps (trained, rejected, ab_started, promoted, rolled_back), at most history"
                    + " (1..500, default 100).")
    public ModelReports.AbReport abReport(
            @QueryParam("history")
                    @DefaultValue("100")
                    @Pattern(regexp = "[0-9]{1,3}", message = "must be a number from 1 to 500")
                    String history) {
        int n = Integer.parseInt(history);
        if (n < 1 || n > 500) {
            throw new InvalidInputException("history", "must be a number from 1 to 500");
        }
        return reports.abReport(n);
    }
}

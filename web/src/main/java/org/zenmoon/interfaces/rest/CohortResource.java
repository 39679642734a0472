package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.zenmoon.application.CohortOverview;
import org.zenmoon.application.CohortRegistry;
import org.zenmoon.application.CohortResults;
import org.zenmoon.application.CohortSummaryView;
import org.zenmoon.domain.model.cohort.CohortKind;
import org.zenmoon.domain.model.cohort.CohortSummary;

/** Classes and panels: the tenant admin creates them; staff list theirs, read their summaries and log events. */
@Path("/cohorts")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class CohortResource {

    public static class NewCohort {
        @NotBlank(message = "must be 1 to 200 characters")
        @Size(max = 200, message = "must be 1 to 200 characters")
        @Pattern(regexp = Requests.NO_CONTROL_CHARACTERS, message = Requests.NO_CONTROL_CHARACTERS_MESSAGE)
        private String name;

        @NotNull(message = "must be CLASS or PANEL")
        @Pattern(regexp = "CLASS|PANEL", message = "must be CLASS or PANEL")
        private String kind;

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
    }

    public record Created(String cohortId) {}

    public record EventLogged(String eventId) {}

    @Inject
    CohortRegistry cohorts;

    @Inject
    CohortResults cohortResults;

    @Inject
    CohortOverview overview;

    @GET
    @Operation(
            summary = "The cohorts visible to the caller",
            description = "Tenant admins: every cohort of the tenant; counsellors and clinicians: their own.")
    public List<CohortSummary> list() {
        return cohorts.visibleCohorts();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a cohort", description = "TENANT_ADMIN. 409 when the name is taken in any case.")
    public Response create(@Valid @NotNull(message = "a JSON object with name and kind is required") NewCohort c) {
        String id = cohorts.create(c.getName(), CohortKind.valueOf(c.getKind()));
        return Response.status(Response.Status.CREATED).entity(new Created(id)).build();
    }

    @POST
    @Path("/{cohortId}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Log an event for a whole cohort",
            description = "Staff of the cohort. 404 for a cohort outside the caller's scope; end must not be "
                    + "before start.")
    public Response logEvent(
            @PathParam("cohortId") String cohortId,
            @Valid @NotNull(message = "a JSON object with type, start and end is required") Activity a) {
        String id = cohorts.logEvent(cohortId, a.getType(), a.startInstant(), a.endInstant());
        return Response.status(Response.Status.CREATED)
                .entity(new EventLogged(id))
                .build();
    }

    @GET
    @Path("/all/causal-effects")
    @Operation(
            summary = "What the tenant's logged interventions did, all cohorts pooled",
            description = "TENANT_ADMIN. As for one cohort, over every child of the tenant with analysis consent "
                    + "(a class is often too small to show an effect that the whole school can).")
    public jakarta.json.JsonArray tenantEffects() {
        return cohortResults.tenantEffects();
    }

    @GET
    @Path("/{cohortId}/causal-effects")
    @Operation(
            summary = "What the cohort's logged interventions did",
            description = "Staff of the cohort. Per intervention and outcome, the children's days pooled with a "
                    + "fixed effect per child: effect, 95% interval, n days, refutation checks and the verdict, as "
                    + "the causal-effects job stored them; empty before it has run. 404 outside the caller's scope.")
    public jakarta.json.JsonArray causalEffects(@PathParam("cohortId") String cohortId) {
        return cohortResults.causalEffects(cohortId);
    }

    @GET
    @Path("/{cohortId}/summary")
    @Operation(
            summary = "The cohort's last 7 days in figures, its chronotype mix and the children at risk",
            description = "Staff of the cohort (tenant admins: every cohort of the tenant); 404 for a cohort outside "
                    + "the caller's scope, 403 for guardians. Only children with active analysis consent count; "
                    + "a figure from fewer than 3 children with 3 days of data is status insufficient_data with no "
                    + "number. The at-risk rule is in atRisk.rule and docs/analyses/cohort-summary.md.")
    public CohortSummaryView summary(@PathParam("cohortId") String cohortId) {
        return overview.summary(cohortId);
    }
}

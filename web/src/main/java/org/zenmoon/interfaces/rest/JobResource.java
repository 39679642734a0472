package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.zenmoon.application.AnalysisJobs;
import org.zenmoon.application.InvalidInputException;

/** Analysis jobs over HTTP: a tenant admin's jobs cover its tenant, a platform admin's every tenant. */
@Path("/admin/jobs")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class JobResource {

    public record Started(String executionId) {}

    @Inject
    AnalysisJobs jobs;

    @POST
    @Path("/{jobName}")
    @Operation(
            summary = "Start a job",
            description = "202 with the execution id; 404 for a job this version does not have; 409 while the"
                    + " tenant runs the job already.")
    public Response start(@PathParam("jobName") String jobName) {
        return Response.accepted(new Started(jobs.start(jobName))).build();
    }

    @POST
    @Path("/{executionId}/stop")
    @Operation(
            summary = "Stop a running job",
            description = "202 with the execution's state; an execution that has ended stays as it is. Audited.")
    public Response stop(@PathParam("executionId") String executionId) {
        return Response.accepted(jobs.stop(executionId)).build();
    }

    @POST
    @Path("/{executionId}/restart")
    @Operation(
            summary = "Restart a stopped or failed job",
            description = "202: the same run continues from its checkpoints; 409 for a run that completed or is"
                    + " running, or while another run of its job is active. Audited.")
    public Response restart(@PathParam("executionId") String executionId) {
        return Response.accepted(jobs.restart(executionId)).build();
    }

    @GET
    @Operation(
            summary = "Recent job runs",
            description = "The tenant's latest runs, newest first (a platform admin's: every tenant's), at most"
                    + " limit (1..200, default 50).")
    public List<AnalysisJobs.Status> recent(
            @QueryParam("limit")
                    @DefaultValue("50")
                    @Pattern(regexp = "[0-9]{1,3}", message = "must be a number from 1 to 200")
                    String limit) {
        int n = Integer.parseInt(limit);
        if (n < 1 || n > 200) {
            throw new InvalidInputException("limit", "must be a number from 1 to 200");
        }
        return jobs.recent(n);
    }

    @GET
    @Path("/{executionId}")
    @Operation(
            summary = "A job's state",
            description = "status, progress (0..1: children done against those the run covers), read, written and"
                    + " skipped children; progress is 1 once the job has completed.")
    public AnalysisJobs.Status status(@PathParam("executionId") String executionId) {
        return jobs.status(executionId);
    }
}

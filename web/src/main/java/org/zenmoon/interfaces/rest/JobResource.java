package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.zenmoon.application.AnalysisJobs;

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
            description = "202 with the execution id; 404 for a job this version does not have.")
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

    @GET
    @Path("/{executionId}")
    @Operation(summary = "A job's state", description = "progress is 1 once the job has completed.")
    public AnalysisJobs.Status status(@PathParam("executionId") String executionId) {
        return jobs.status(executionId);
    }
}

package org.zenmoon.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.zenmoon.application.Caller;
import org.zenmoon.application.CurrentCaller;
import org.zenmoon.application.NotFoundException;
import org.zenmoon.domain.model.user.Role;

/**
 * Starts analysis jobs and reports on them. A tenant admin's job covers its own tenant, a platform admin's
 * all tenants; an execution started for another tenant answers 404.
 */
@Path("/admin/jobs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"TENANT_ADMIN", "PLATFORM_ADMIN"})
@SecurityRequirement(name = "bearer")
public class JobResource {

    /** Jobs this version can run; the other names of API.md arrive with their jobs. */
    static final Set<String> AVAILABLE = Set.of("chronotype");

    static final Set<String> ANNOUNCED =
            Set.of("sleep-detection", "causal-effects", "forecast", "retrain-recommender", "retention");

    public record Started(String executionId) {}

    public record Status(
            String executionId,
            String jobName,
            String status,
            Double progress,
            Instant startedAt,
            Instant endedAt,
            String exitStatus) {}

    @Inject
    CurrentCaller currentCaller;

    @POST
    @Path("/{jobName}")
    @Operation(
            summary = "Start a job",
            description = "202 with the execution id; 404 for a job this version does not have.")
    public Response start(@PathParam("jobName") String jobName) {
        if (!AVAILABLE.contains(jobName)) {
            return Problems.response(
                    404,
                    "Not Found",
                    ANNOUNCED.contains(jobName)
                            ? "The job '" + jobName + "' is not available in this version."
                            : "There is no job '" + jobName + "'.");
        }
        Caller caller = currentCaller.get();
        Properties params = new Properties();
        params.setProperty("tenantId", caller.has(Role.PLATFORM_ADMIN) ? "*" : caller.tenantId());
        params.setProperty("actorId", caller.userId());
        long id = operator().start(jobName, params);
        return Response.accepted(new Started(String.valueOf(id))).build();
    }

    @GET
    @Path("/{executionId}")
    @Operation(summary = "A job's state", description = "progress is 1 once the job has completed.")
    public Status status(@PathParam("executionId") String executionId) {
        Caller caller = currentCaller.get();
        JobExecution ex;
        Properties params;
        try {
            long id = Long.parseLong(executionId);
            ex = operator().getJobExecution(id);
            params = operator().getParameters(id);
        } catch (NumberFormatException | NoSuchJobExecutionException e) {
            throw new NotFoundException("Job execution");
        }
        String tenant = params == null ? null : params.getProperty("tenantId");
        if (!caller.has(Role.PLATFORM_ADMIN) && (tenant == null || !tenant.equals(caller.tenantId()))) {
            throw new NotFoundException("Job execution");
        }
        BatchStatus s = ex.getBatchStatus();
        Double progress = null;
        if (s == BatchStatus.COMPLETED) {
            progress = 1.0;
        } else if (s == BatchStatus.STARTING || s == BatchStatus.STARTED) {
            progress = 0.0;
        }
        return new Status(
                executionId,
                ex.getJobName(),
                s.name(),
                progress,
                instant(ex.getStartTime()),
                instant(ex.getEndTime()),
                ex.getExitStatus());
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}

package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.zenmoon.application.ChildChronotype;
import org.zenmoon.application.ChildDirectory;
import org.zenmoon.application.ChronotypeView;
import org.zenmoon.domain.model.child.ChildSummary;

/**
 * Children as their tenant's staff, or their guardians, see them (the access policy decides which). Anything else
 * answers 404; an account that may not read children at all gets 403.
 */
@Path("/children")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class ChildResource {

    @Inject
    ChildDirectory directory;

    @Inject
    ChildChronotype chronotypes;

    @GET
    @Operation(
            summary = "Children visible to the caller",
            description = "Tenant admins: the tenant's children. Counsellors and clinicians: the children of their "
                    + "cohorts. Guardians: linked children.")
    public List<ChildSummary> list() {
        return directory.visibleChildren();
    }

    @GET
    @Path("/{childId}/chronotype")
    @Operation(
            summary = "The child's chronotype from its recent sleep",
            description = "MSFsc (mid-sleep on free days, corrected for sleep debt) over the last 60 days of epochs; "
                    + "status insufficient_data, with the reason, below 14 nights or 4 free nights.")
    public ChronotypeView chronotype(@PathParam("childId") String childId) {
        return chronotypes.of(childId);
    }

    @GET
    @Path("/{childId}")
    @Operation(
            summary = "One child",
            description = "404 when the child is in another tenant or not linked to the guardian.")
    public ChildSummary get(@PathParam("childId") String childId) {
        return directory.find(childId);
    }
}

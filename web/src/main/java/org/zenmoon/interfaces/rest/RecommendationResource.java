package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.zenmoon.application.Recommendations;

/** Parents' 👍/👎 on a recommendation: the reward the recommender learns from. */
@Path("/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class RecommendationResource {

    @Inject
    Recommendations recommendations;

    /** The body of a feedback. */
    public static class Feedback {

        @NotNull(message = "must be true (👍) or false (👎)")
        private Boolean helpful;

        @Size(max = 1000, message = "must be at most 1000 characters")
        private String comment;

        public Boolean getHelpful() {
            return helpful;
        }

        public void setHelpful(Boolean helpful) {
            this.helpful = helpful;
        }

        public String getComment() {
            return comment;
        }

        public void setComment(String comment) {
            this.comment = comment;
        }
    }

    @POST
    @Path("/{recommendationId}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Answer a recommendation with 👍 or 👎",
            description = "GUARDIAN of the child. 201; a second answer replaces the first. Every Nth answer of the"
                    + " tenant (zenmoon.recommender.retrain-every) starts the retrain-recommender job.")
    public Response feedback(
            @PathParam("recommendationId") String recommendationId,
            @Valid @NotNull(message = "a JSON object with helpful (true or false) is required") Feedback f) {
        return Response.status(Response.Status.CREATED)
                .entity(recommendations.feedback(recommendationId, f.getHelpful(), f.getComment()))
                .build();
    }
}

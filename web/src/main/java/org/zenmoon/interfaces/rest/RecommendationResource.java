package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.zenmoon.application.InvalidInputException;
import org.zenmoon.application.Recommendations;

/** Parents' 👍/👎 on a recommendation: the reward the recommender learns from. */
@Path("/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class RecommendationResource {

    @Inject
    Recommendations recommendations;

    /** The longest comment kept, as the column holds it. */
    static final int MAX_COMMENT = 1000;

    @POST
    @Path("/{recommendationId}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Answer a recommendation with 👍 or 👎",
            description = "GUARDIAN of the child. 201; a second answer replaces the first. Every Nth answer of the"
                    + " tenant (zenmoon.recommender.retrain-every) starts the retrain-recommender job.")
    public Response feedback(
            @PathParam("recommendationId") String recommendationId,
            @NotNull(message = "a JSON object with helpful (true or false) is required") JsonValue json) {
        if (!(json instanceof JsonObject body)) {
            throw new InvalidInputException("body", "must be a JSON object with helpful (true or false)");
        }
        // Read strictly: JSON-B would take "yes" (or any string) for false, and a parent's answer must not flip.
        Map<String, String> errors = new LinkedHashMap<>();
        JsonValue helpful = body.get("helpful");
        if (helpful == null || (helpful != JsonValue.TRUE && helpful != JsonValue.FALSE)) {
            errors.put("helpful", "must be true (👍) or false (👎)");
        }
        JsonValue comment = body.get("comment");
        String text = null;
        if (comment != null && comment != JsonValue.NULL) {
            if (!(comment instanceof JsonString s) || s.getString().length() > MAX_COMMENT) {
                errors.put("comment", "must be a text of at most " + MAX_COMMENT + " characters");
            } else if (s.getString()
                    .chars()
                    .anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                errors.put("comment", "must not contain control characters other than line breaks and tabs");
            } else {
                text = s.getString();
            }
        }
        body.keySet().stream()
                .filter(k -> !k.equals("helpful") && !k.equals("comment"))
                .forEach(k -> errors.put(k, "is not a field of a feedback (helpful, comment)"));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return Response.status(Response.Status.CREATED)
                .entity(recommendations.feedback(recommendationId, helpful == JsonValue.TRUE, text))
                .build();
    }
}

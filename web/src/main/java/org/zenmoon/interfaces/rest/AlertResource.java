package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
import org.zenmoon.application.Alerts;
import org.zenmoon.application.InvalidInputException;

/** Staff acknowledge an alert: the school or clinic has seen to it. The list is {@code /children/{id}/alerts}. */
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class AlertResource {

    @Inject
    Alerts alerts;

    @POST
    @Path("/{alertId}/ack")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Acknowledge an alert",
            description = "Staff who see the alert's child (tenant admins, counsellors, clinicians); body { note? }"
                    + " with a note of at most 500 characters. 204; the first acknowledgement stands. 404 for an"
                    + " alert that does not exist or whose child the caller does not see; 403 for guardians.")
    public Response acknowledge(@PathParam("alertId") String alertId, JsonValue json) {
        // Read strictly, as feedback is: an empty body is no note, anything but an object with a text note is a 400.
        Map<String, String> errors = new LinkedHashMap<>();
        String note = null;
        if (json != null && json != JsonValue.NULL) {
            if (!(json instanceof JsonObject body)) {
                throw new InvalidInputException("body", "must be a JSON object, with an optional note");
            }
            JsonValue value = body.get("note");
            if (value != null && value != JsonValue.NULL) {
                if (!(value instanceof JsonString s) || s.getString().length() > Alerts.MAX_NOTE) {
                    errors.put("note", "must be a text of at most " + Alerts.MAX_NOTE + " characters");
                } else if (s.getString()
                        .chars()
                        .anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                    errors.put("note", "must not contain control characters other than line breaks and tabs");
                } else {
                    note = s.getString();
                }
            }
            body.keySet().stream()
                    .filter(k -> !k.equals("note"))
                    .forEach(k -> errors.put(k, "is not a field of an acknowledgement (note)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        alerts.acknowledge(alertId, note);
        return Response.noContent().build();
    }
}

package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.zenmoon.application.Devices;

/**
 * Pairing and unpairing a child's wearable: ../shared/API.md, "Authentication" and "Ingestion". The device token
 * comes back once, also inside a {@code zenmoon://pair} link that the portal and the parent app show as a QR code
 * for the phone to scan.
 */
@Path("/devices")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class DeviceResource {

    public static class Pairing {
        @NotBlank(message = "must be a child the caller sees")
        @Size(max = 36, message = "must be a child the caller sees")
        @Pattern(regexp = Requests.NO_CONTROL_CHARACTERS, message = Requests.NO_CONTROL_CHARACTERS_MESSAGE)
        private String childId;

        @NotBlank(message = "must be 1 to 100 characters")
        @Size(max = 100, message = "must be 1 to 100 characters")
        @Pattern(regexp = Requests.NO_CONTROL_CHARACTERS, message = Requests.NO_CONTROL_CHARACTERS_MESSAGE)
        private String label;

        public String getChildId() {
            return childId;
        }

        public void setChildId(String childId) {
            this.childId = childId;
        }

        public String getLabel() {
            return label;
        }

        public void setLabel(String label) {
            this.label = label;
        }
    }

    /** The answer to a pairing: the token, shown this once, and the same as a link for a QR code. */
    public record Paired(String deviceId, String deviceToken, String pairingUri) {

        /** Never the token. */
        @Override
        public String toString() {
            return "Paired[deviceId=" + deviceId + "]";
        }
    }

    @Inject
    Devices devices;

    @Context
    UriInfo uri;

    @POST
    @Path("/pair")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Pair a wearable with a child",
            description = "GUARDIAN of the child, or staff who see it; 404 for any other child. 201 with the device "
                    + "id and its token, shown this once (the server keeps only a hash), and pairingUri, "
                    + "zenmoon://pair?server=...&token=..., for the portal and the app to show as a QR code. The "
                    + "token uploads that child's data and does nothing else.")
    public Response pair(@Valid @NotNull(message = "a JSON object with childId and label is required") Pairing p) {
        Devices.Paired paired = devices.pair(p.getChildId(), p.getLabel());
        String link = pairingUri(uri.getBaseUri().toString(), paired.deviceToken());
        return Response.status(Response.Status.CREATED)
                .entity(new Paired(paired.deviceId(), paired.deviceToken(), link))
                .header("Cache-Control", "no-store")
                .build();
    }

    @DELETE
    @Path("/{deviceId}")
    @Operation(
            summary = "Unpair a wearable",
            description = "GUARDIAN of the device's child, or staff who see it; 404 for any other device. 204; the "
                    + "device's token stops working at once. Unpairing again answers 204 as well.")
    public Response unpair(@PathParam("deviceId") String deviceId) {
        devices.unpair(deviceId);
        return Response.noContent().build();
    }

    @GET
    @Path("/me")
    @Operation(
            summary = "The calling device's own pairing",
            description = "DEVICE token only (403 for any other): the device's id, its child's id, its label and "
                    + "when it was paired, so that a phone given only the token (the pairing link) knows which "
                    + "child it uploads for. 401 for a wrong or revoked token.")
    public Devices.DeviceView me() {
        return devices.self();
    }

    @DELETE
    @Path("/me")
    @Operation(
            summary = "Unpair the calling device",
            description = "DEVICE token only (403 for any other): 204, and the token stops working at once; a phone "
                    + "paired again with a new link gives up its old token so.")
    public Response unpairMe() {
        devices.unpairSelf();
        return Response.noContent().build();
    }

    /**
     * The link a phone scans to pair: {@code zenmoon://pair?server=<the API's base URI>&token=<the device token>},
     * both URL-encoded. The one place that builds it, for the API's answer and the portal's QR code.
     *
     * @param apiBase the API's base URI as a client reaches it, ending in {@code /api/v1/}
     */
    public static String pairingUri(String apiBase, String deviceToken) {
        return "zenmoon://pair?server=" + query(apiBase) + "&token=" + query(deviceToken);
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

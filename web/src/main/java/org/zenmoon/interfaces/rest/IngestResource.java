package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.zenmoon.application.Ingestion;
import org.zenmoon.application.InvalidInputException;
import org.zenmoon.application.Upload;
import org.zenmoon.application.UploadReceipt;

/** Uploads from a paired device's phone (DEVICE token): ../shared/API.md, "Ingestion"; docs/INGEST.md. */
@Path("/ingest")
@Produces(MediaType.APPLICATION_JSON)
public class IngestResource {

    /** The answer: {@code { batchId, accepted, duplicates }}, plus whether the phone's clock looked wrong. */
    public record Receipt(String batchId, int accepted, int duplicates, boolean clockSkewFlagged) {

        public static Receipt of(UploadReceipt r) {
            return new Receipt(r.batchId(), r.accepted(), r.duplicates(), r.clockSkewFlagged());
        }
    }

    @Inject
    Ingestion ingestion;

    @Inject
    UploadValidation validation;

    @POST
    @Path("/batches")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Upload a batch of epochs, events and sleep episodes",
            description = "DEVICE token. All of the batch is stored or none of it; sending the same batchId again, "
                    + "or minutes already stored, stores nothing twice and counts them as duplicates. 400 names "
                    + "every bad field; 403 without collection consent; 413 for a body over the size limit.")
    public Receipt batches(@NotNull(message = "a JSON object with batchId and epochs is required") BatchUpload b) {
        return Receipt.of(ingestion.upload(validation.valid(b).toUpload(Upload.Channel.REST)));
    }

    /**
     * Open mHealth data points, one or an array ({@link OpenMHealth} maps them), stored as one upload: all or
     * nothing, like a batch.
     *
     * <p>Idempotency: the request is one batch whose id is the point's {@code header.uuid} when it holds one point,
     * and otherwise a name-based UUID (version 3) over the sorted UUIDs of its points, so that an array sent again
     * as it was is recognised as a batch sent before and stores nothing. Beyond that, each minute is stored once per
     * child and each sleep episode once per child and onset, so a point that comes again in another array (a
     * different set, hence a different batch id) stores nothing twice either and counts as a duplicate. One upload
     * per point instead would give every point its own transaction: an array would no longer be all or nothing, and
     * ten thousand points would be ten thousand round trips. Two points of one request with the same UUID are
     * refused (400).
     *
     * <p>A minute this device stored before takes the measures it lacked ({@link Upload#completesStoredMinutes}):
     * heart rate and step counts come as points of their own, often in separate requests.
     */
    @POST
    @Path("/omh")
    @Consumes({MediaType.APPLICATION_JSON, OpenMHealth.MEDIA_TYPE})
    @Operation(
            summary = "Upload Open mHealth data points",
            description = "DEVICE token. One data point or an array of up to " + OpenMHealth.MAX_POINTS + " of "
                    + OpenMHealth.SUPPORTED + ". Heart rates and step counts become minutes (steps spread evenly "
                    + "over the minutes of their interval), sleep episodes become episodes. The same rules and "
                    + "answer as /ingest/batches; header.uuid is the idempotency key. 400 names every bad field "
                    + "by its path, e.g. [3].body.heart_rate.value.")
    public Receipt omh(InputStream body) {
        OpenMHealth.Points points = OpenMHealth.read(body);
        try {
            return Receipt.of(ingestion.upload(points.upload()));
        } catch (InvalidInputException e) {
            throw points.renamed(e);
        }
    }
}

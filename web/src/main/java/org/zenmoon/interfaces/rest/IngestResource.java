package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.zenmoon.application.Ingestion;
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
}

package org.zenmoon.interfaces.mqtt;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zenmoon.application.UploadReceipt;
import org.zenmoon.application.security.Caller;
import org.zenmoon.interfaces.rest.BatchUpload;
import org.zenmoon.interfaces.rest.ProblemMappers;
import org.zenmoon.interfaces.rest.Problems;

/**
 * One upload message, from its topic, token and payload to the acknowledgement's body: the same checks, in the same
 * order and with the same answers as {@code POST /ingest/batches} (401 without a valid device token, 403 on another
 * device's topic, 413 over the size limit, 400 naming every bad field, then the service). Knows nothing of the
 * transport, so that the bridge alone decides when a message is acknowledged.
 */
final class UploadHandler {

    /** What the bridge subscribes to: {@code zenmoon/{tenantId}/{deviceId}/up}. */
    static final String UPLOAD_TOPICS = "zenmoon/+/+/up";

    /** The MQTT 5 user property that carries {@code Bearer <device token>}. */
    static final String AUTHORIZATION = "authorization";

    private static final Pattern TOPIC = Pattern.compile("zenmoon/([^/]*)/([^/]*)/up");

    /** The acknowledgement: where it goes, its JSON, and whether it is a problem document. */
    record Ack(String topic, String json, boolean problem) {}

    /** Stores a validated batch for an authenticated device, as the unit of work {@code unitOfWork}. */
    @FunctionalInterface
    interface Uploads {
        UploadReceipt upload(Caller device, String unitOfWork, BatchUpload batch) throws Exception;
    }

    private final TokenCheck devices;
    private final Function<String, BatchUpload> parser;
    private final Validator validator;
    private final Uploads uploads;
    private final long maxPayloadBytes;

    UploadHandler(
            TokenCheck devices,
            Function<String, BatchUpload> parser,
            Validator validator,
            Uploads uploads,
            long maxPayloadBytes) {
        this.devices = devices;
        this.parser = parser;
        this.validator = validator;
        this.uploads = uploads;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** The acknowledgement topic for an upload topic, or empty for a topic that is not an upload topic. */
    static Optional<String> ackTopic(String uploadTopic) {
        Matcher m = TOPIC.matcher(uploadTopic);
        return m.matches() ? Optional.of("zenmoon/" + m.group(1) + "/" + m.group(2) + "/ack") : Optional.empty();
    }

    /**
     * Handles one message and returns its acknowledgement; empty only for a topic outside {@link #UPLOAD_TOPICS}.
     * Never throws: every failure becomes a problem document, as the API's are.
     *
     * @param authorization the {@value #AUTHORIZATION} user property, or null
     */
    Optional<Ack> handle(String topic, String authorization, byte[] payload) {
        Matcher m = TOPIC.matcher(topic);
        if (!m.matches()) {
            return Optional.empty();
        }
        String ack = "zenmoon/" + m.group(1) + "/" + m.group(2) + "/ack";
        String unitOfWork = "mqtt-" + UUID.randomUUID();
        BatchUpload batch = null;
        try {
            String token = bearer(authorization);
            if (token == null) {
                return Optional.of(problem(
                        ack,
                        401,
                        "Unauthorized",
                        "Send the device token as the MQTT 5 user property 'authorization' = 'Bearer <token>'."));
            }
            Optional<Caller> device = devices.authenticate(token);
            if (device.isEmpty()) {
                return Optional.of(problem(
                        ack, 401, "Unauthorized", "The device token is not valid, or the device was unpaired."));
            }
            Caller caller = device.get();
            if (!m.group(1).equals(caller.tenantId()) || !m.group(2).equals(caller.userId())) {
                return Optional.of(problem(ack, 403, "Forbidden", "A device publishes on its own topic only."));
            }
            if (payload.length > maxPayloadBytes) {
                return Optional.of(problem(
                        ack, 413, "Content Too Large", "The message is larger than " + maxPayloadBytes + " bytes."));
            }
            String text = utf8(payload);
            if (text == null) {
                return Optional.of(problem(ack, 400, "Bad Request", "The message is not valid UTF-8."));
            }
            batch = parser.apply(text);
            if (batch == null) {
                return Optional.of(
                        problem(ack, 400, "Bad Request", "A JSON object with batchId and epochs is required."));
            }
            Set<ConstraintViolation<BatchUpload>> violations = validator.validate(batch);
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
            UploadReceipt receipt = uploads.upload(caller, unitOfWork, batch);
            return Optional.of(new Ack(
                    ack,
                    Json.createObjectBuilder()
                            .add("batchId", receipt.batchId())
                            .add("accepted", receipt.accepted())
                            .add("duplicates", receipt.duplicates())
                            .add("clockSkewFlagged", receipt.clockSkewFlagged())
                            .build()
                            .toString(),
                    false));
        } catch (Exception e) {
            Response r = ProblemMappers.problem(e, () -> unitOfWork);
            return Optional.of(new Ack(ack, withBatchId(String.valueOf(r.getEntity()), batch), true));
        }
    }

    /** The token of {@code Bearer <token>} (the scheme in any case), or null. */
    static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 8) {
            return null;
        }
        String scheme = authorization.substring(0, 7);
        String token = authorization.substring(7).trim();
        return scheme.equalsIgnoreCase("Bearer ") && !token.isEmpty() ? token : null;
    }

    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Ack problem(String ack, int status, String title, String detail) {
        return new Ack(ack, Problems.json(status, title, detail), true);
    }

    /**
     * A problem document with the batch's id added, when the body got far enough to have one: acknowledgements
     * arrive asynchronously, and the phone needs to know which of its batches failed.
     */
    private static String withBatchId(String problem, BatchUpload batch) {
        if (batch == null || batch.batchId == null || batch.batchId.length() > 64) {
            return problem;
        }
        JsonObject doc = Json.createReader(new StringReader(problem)).readObject();
        JsonObjectBuilder b = Json.createObjectBuilder(doc);
        return b.add("batchId", batch.batchId).build().toString();
    }
}

package org.zenmoon.interfaces.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.ForbiddenException;
import org.zenmoon.application.UploadReceipt;
import org.zenmoon.application.security.Caller;
import org.zenmoon.interfaces.rest.BatchUpload;

/**
 * The bridge's answers, without a broker: the same statuses and field names as the REST API, each check before the
 * service is called, and never a 5xx that shows internals.
 */
class UploadHandlerTest {

    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    static final String TOKEN = "zmd.tenant-a.dev-1.secret-secret-secret";
    static final Caller DEVICE = new Caller("dev-1", "device:dev-1", "tenant-a", Set.of());
    static final String TOPIC = "zenmoon/tenant-a/dev-1/up";

    /** The parsed body each test hands over; the real bridge parses with the API's JSON-B. */
    BatchUpload parsed = batch("b-1", 72.0);

    final List<String> uploaded = new ArrayList<>();
    UploadHandler.Uploads uploads = (device, unit, b) -> {
        uploaded.add(device.userId() + " " + b.batchId + " " + unit.startsWith("mqtt-"));
        return new UploadReceipt(b.batchId, "child-1", 1, 0, false);
    };

    static BatchUpload batch(String id, Double hr) {
        BatchUpload b = new BatchUpload();
        b.batchId = id;
        BatchUpload.EpochUpload e = new BatchUpload.EpochUpload();
        e.t = "2026-03-02T08:15:00Z";
        e.hr = hr;
        b.epochs = List.of(e);
        return b;
    }

    UploadHandler handler(Function<String, BatchUpload> parser) {
        return new UploadHandler(
                token -> TOKEN.equals(token) ? Optional.of(DEVICE) : Optional.empty(),
                parser,
                VALIDATOR,
                (device, unit, b) -> uploads.upload(device, unit, b),
                1_000);
    }

    UploadHandler.Ack handle(String topic, String authorization, String payload) {
        return handler(text -> parsed)
                .handle(topic, authorization, payload.getBytes(StandardCharsets.UTF_8))
                .orElseThrow();
    }

    static JsonObject json(UploadHandler.Ack ack) {
        return Json.createReader(new StringReader(ack.json())).readObject();
    }

    @Test
    void aValidBatchIsStoredAndAnsweredOnTheDevicesAckTopic() {
        UploadHandler.Ack ack = handle(TOPIC, "Bearer " + TOKEN, "{}");
        assertThat(ack.topic()).isEqualTo("zenmoon/tenant-a/dev-1/ack");
        assertThat(ack.problem()).isFalse();
        JsonObject body = json(ack);
        assertThat(body.getString("batchId")).isEqualTo("b-1");
        assertThat(body.getInt("accepted")).isEqualTo(1);
        assertThat(body.getInt("duplicates")).isZero();
        assertThat(uploaded).containsExactly("dev-1 b-1 true");
    }

    @Test
    void withoutAValidTokenNothingElseIsLookedAt() {
        for (String authorization : new String[] {null, "", "Bearer ", "Basic " + TOKEN, TOKEN, "Bearer zmd.x.y.z"}) {
            UploadHandler.Ack ack = handle(TOPIC, authorization, "{}");
            assertThat(ack.problem()).as(String.valueOf(authorization)).isTrue();
            assertThat(json(ack).getInt("status"))
                    .as(String.valueOf(authorization))
                    .isEqualTo(401);
        }
        assertThat(uploaded).isEmpty();
    }

    @Test
    void aDevicePublishesOnItsOwnTopicOnly() {
        for (String topic : new String[] {"zenmoon/tenant-a/dev-2/up", "zenmoon/tenant-b/dev-1/up"}) {
            UploadHandler.Ack ack = handle(topic, "Bearer " + TOKEN, "{}");
            assertThat(json(ack).getInt("status")).isEqualTo(403);
            assertThat(ack.topic()).isEqualTo(topic.replace("/up", "/ack"));
        }
        assertThat(uploaded).isEmpty();
    }

    @Test
    void badFieldsAreNamedAsTheApiNamesThem() {
        parsed = batch("b-2", 400.0);
        UploadHandler.Ack ack = handle(TOPIC, "Bearer " + TOKEN, "{}");
        JsonObject body = json(ack);
        assertThat(body.getInt("status")).isEqualTo(400);
        assertThat(body.getString("batchId")).isEqualTo("b-2");
        assertThat(body.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("epochs[0].hr");
        assertThat(uploaded).isEmpty();
    }

    @Test
    void malformedOversizedAndEmptyBodiesAreClientErrors() {
        UploadHandler notJson = handler(text -> {
            throw new JsonbException("Unexpected char");
        });
        assertThat(json(notJson.handle(TOPIC, "Bearer " + TOKEN, "{".getBytes(StandardCharsets.UTF_8))
                                .orElseThrow())
                        .getInt("status"))
                .isEqualTo(400);

        UploadHandler nothing = handler(text -> null);
        assertThat(json(nothing.handle(TOPIC, "Bearer " + TOKEN, "null".getBytes(StandardCharsets.UTF_8))
                                .orElseThrow())
                        .getInt("status"))
                .isEqualTo(400);

        byte[] invalidUtf8 = {'{', (byte) 0xC3, (byte) 0x28, '}'};
        assertThat(json(handler(text -> parsed)
                                .handle(TOPIC, "Bearer " + TOKEN, invalidUtf8)
                                .orElseThrow())
                        .getInt("status"))
                .isEqualTo(400);

        UploadHandler.Ack tooLarge = handle(TOPIC, "Bearer " + TOKEN, "x".repeat(1_001));
        assertThat(json(tooLarge).getInt("status")).isEqualTo(413);
        assertThat(uploaded).isEmpty();
    }

    @Test
    void theServicesRefusalsAndFailuresBecomeProblemDocuments() {
        uploads = (device, unit, b) -> {
            throw ForbiddenException.because("No active collection consent.");
        };
        assertThat(json(handle(TOPIC, "Bearer " + TOKEN, "{}")).getInt("status"))
                .isEqualTo(403);

        uploads = (device, unit, b) -> {
            throw new IllegalStateException("child 42 failed", new SQLException("row (child-1, 72.0)", "08006"));
        };
        JsonObject failed = json(handle(TOPIC, "Bearer " + TOKEN, "{}"));
        assertThat(failed.getInt("status")).isEqualTo(500);
        assertThat(failed.getString("detail")).startsWith("Unexpected failure; reference mqtt-");
        assertThat(failed.toString()).doesNotContain("child-1", "72.0", "child 42");
    }

    @Test
    void onlyUploadTopicsAreAnswered() {
        assertThat(handler(text -> parsed).handle("zenmoon/tenant-a/dev-1/ack", "Bearer " + TOKEN, new byte[0]))
                .isEmpty();
        assertThat(UploadHandler.ackTopic(TOPIC)).contains("zenmoon/tenant-a/dev-1/ack");
        assertThat(UploadHandler.bearer("bearer abc")).isEqualTo("abc");
    }
}

package org.zenmoon.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.InvalidInputException;
import org.zenmoon.application.Upload;
import org.zenmoon.domain.model.device.UploadRepository;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * The Open mHealth mapping, fed the schemas' own sample bodies (test resources {@code omh/}, typed out from
 * openmhealth/schemas) wrapped in data points: valid ones become the minutes and episodes they describe, and what is
 * refused is named by its path in the request.
 */
class OpenMHealthTest {

    static final String U1 = "6f1c7a8e-2b7d-4c55-9a55-1d3e4b0f0a01";
    static final String U2 = "6f1c7a8e-2b7d-4c55-9a55-1d3e4b0f0a02";
    static final String U3 = "6f1c7a8e-2b7d-4c55-9a55-1d3e4b0f0a03";

    static JsonObject sample(String path) {
        try (InputStream in = OpenMHealthTest.class.getResourceAsStream("/omh/" + path)) {
            return Json.createReader(in).readObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A data point as a client sends it: an IEEE 1752-style header around the body. */
    static JsonObject point(String uuid, String schema, JsonObject body) {
        String[] id = schema.split(":");
        return Json.createObjectBuilder()
                .add(
                        "header",
                        Json.createObjectBuilder()
                                .add("uuid", uuid)
                                .add(
                                        "schema_id",
                                        Json.createObjectBuilder()
                                                .add("namespace", id[0])
                                                .add("name", id[1])
                                                .add("version", id[2]))
                                .add("source_creation_date_time", "2026-03-02T08:15:00Z"))
                .add("body", body)
                .build();
    }

    static JsonValue array(JsonObject... points) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (JsonObject p : points) {
            a.add(p);
        }
        return a.build();
    }

    static JsonObject heartRate(double bpm, String dateTime) {
        return Json.createObjectBuilder()
                .add("heart_rate", Json.createObjectBuilder().add("value", bpm).add("unit", "beats/min"))
                .add("effective_time_frame", Json.createObjectBuilder().add("date_time", dateTime))
                .build();
    }

    static JsonObject steps(long count, String start, String end) {
        return Json.createObjectBuilder()
                .add(
                        "step_count",
                        Json.createObjectBuilder().add("value", count).add("unit", "steps"))
                .add(
                        "effective_time_frame",
                        Json.createObjectBuilder()
                                .add(
                                        "time_interval",
                                        Json.createObjectBuilder()
                                                .add("start_date_time", start)
                                                .add("end_date_time", end)))
                .build();
    }

    static Map<String, String> refused(JsonValue body) {
        return catchThrowableOfType(() -> OpenMHealth.map(body), InvalidInputException.class)
                .fields();
    }

    static EpochRecord minute(Instant t, Float hr, Integer steps) {
        return new EpochRecord(t, hr, null, null, null, null, null, null, null, null, null, null, steps);
    }

    @Test
    void theHeartRateSampleIsTheMinuteOfItsDateTimeAndItsUuidTheBatchId() {
        Upload u = OpenMHealth.map(point(
                        U1,
                        "omh:heart-rate:2.0",
                        sample("heart-rate/2.0/shouldPass/with-temporal-relationship-to-sleep.json")))
                .upload();
        // 07:25 at -08:00 is 15:25 UTC.
        assertThat(u.epochs()).containsExactly(minute(Instant.parse("2020-02-05T15:25:00Z"), 50f, null));
        assertThat(u.sleepEpisodes()).isEmpty();
        assertThat(u.batchId()).isEqualTo(U1);
        assertThat(u.channel()).isEqualTo(Upload.Channel.OMH);
        assertThat(u.completesStoredMinutes()).isTrue();
    }

    @Test
    void theStepCount3SampleIsSpreadOverTheMinutesOfItsHourRemainderFirst() {
        List<EpochRecord> epochs = OpenMHealth.map(
                        point(U1, "omh:step-count:3.0", sample("step-count/3.0/shouldPass/valid-step-count.json")))
                .upload()
                .epochs();
        Instant start = Instant.parse("2016-02-05T06:25:00Z");
        assertThat(epochs).hasSize(60);
        // 10,600 steps over 60 minutes: 176 each and 40 left over, one more for each of the first 40 minutes.
        for (int k = 0; k < 60; k++) {
            assertThat(epochs.get(k)).isEqualTo(minute(start.plusSeconds(60L * k), null, k < 40 ? 177 : 176));
        }
        assertThat(epochs.stream().mapToInt(EpochRecord::steps).sum()).isEqualTo(10_600);
        assertThat(epochs)
                .allSatisfy(
                        e -> assertThat(e.activity()).as("steps are no ENMO").isNull());
    }

    @Test
    void theStepCount2SampleCountsAsANumber() {
        List<EpochRecord> epochs = OpenMHealth.map(
                        point(U1, "omh:step-count:2.0", sample("step-count/2.0/shouldPass/valid-step-count.json")))
                .upload()
                .epochs();
        assertThat(epochs).hasSize(60).allSatisfy(e -> assertThat(e.steps()).isEqualTo(100));
        assertThat(epochs.get(0).t()).isEqualTo("2016-02-05T06:25:00Z");
        assertThat(epochs.get(59).t()).isEqualTo("2016-02-05T07:24:00Z");
    }

    @Test
    void theSleepEpisodeSampleIsAnEpisodeFromItsStartForItsDuration() {
        Upload u = OpenMHealth.map(point(
                        U1, "omh:sleep-episode:1.1", sample("sleep-episode/1.1/shouldPass/valid-sleep-episode.json")))
                .upload();
        assertThat(u.sleepEpisodes())
                .containsExactly(new UploadRepository.Episode(
                        Instant.parse("2016-02-05T21:35:00Z"), Instant.parse("2016-02-06T06:35:00Z"), "device"));
        assertThat(u.epochs()).isEmpty();
    }

    @Test
    void anArrayIsOneUploadWhoseMinutesJoinTheMeasuresOfItsPoints() {
        JsonValue body = array(
                point(U3, "omh:step-count:3.0", sample("step-count/3.0/shouldPass/valid-step-count.json")),
                point(U1, "omh:heart-rate:2.0", heartRate(72, "2016-02-05T06:30:10Z")),
                point(U2, "omh:heart-rate:2.0", heartRate(80, "2016-02-05T06:30:50Z")),
                point(
                        "6F1C7A8E-2B7D-4C55-9A55-1D3E4B0F0A04",
                        "omh:sleep-episode:1.1",
                        sample("sleep-episode/1.1/shouldPass/valid-sleep-episode.json")));
        OpenMHealth.Points points = OpenMHealth.map(body);
        Upload u = points.upload();
        assertThat(u.epochs()).hasSize(60);
        assertThat(u.epochs().get(5))
                .as("two heart rates in one minute: their mean, beside the minute's steps")
                .isEqualTo(minute(Instant.parse("2016-02-05T06:30:00Z"), 76f, 177));
        assertThat(u.sleepEpisodes()).hasSize(1);
        String expected = UUID.nameUUIDFromBytes(
                        ("omh:" + U1 + "," + U2 + "," + U3 + "," + "6f1c7a8e-2b7d-4c55-9a55-1d3e4b0f0a04")
                                .getBytes(StandardCharsets.UTF_8))
                .toString();
        assertThat(u.batchId()).isEqualTo(expected);

        JsonValue reordered = array(
                point(U2, "omh:heart-rate:2.0", heartRate(80, "2016-02-05T06:30:50Z")),
                point(
                        "6F1C7A8E-2B7D-4C55-9A55-1D3E4B0F0A04",
                        "omh:sleep-episode:1.1",
                        sample("sleep-episode/1.1/shouldPass/valid-sleep-episode.json")),
                point(U3, "omh:step-count:3.0", sample("step-count/3.0/shouldPass/valid-step-count.json")),
                point(U1, "omh:heart-rate:2.0", heartRate(72, "2016-02-05T06:30:10Z")));
        assertThat(OpenMHealth.map(reordered).upload().batchId())
                .as("the same points in another order are the same batch")
                .isEqualTo(expected);
        assertThat(OpenMHealth.map(array(point(U1, "omh:heart-rate:2.0", heartRate(72, "2016-02-05T06:30:10Z"))))
                        .upload()
                        .batchId())
                .as("one point: its own uuid")
                .isEqualTo(U1);

        assertThat(points.sources())
                .containsEntry("epochs[0].t", "[0].body.effective_time_frame.time_interval")
                .containsEntry("sleepEpisodes[0].onset", "[3].body.effective_time_frame.time_interval");
    }

    @Test
    void stepsOverAnUnalignedIntervalGoToEveryMinuteItTouchesAndOverlapsAddUp() {
        List<EpochRecord> epochs = OpenMHealth.map(array(
                        point(U1, "omh:step-count:3.0", steps(7, "2026-03-02T06:25:30Z", "2026-03-02T06:27:10Z")),
                        point(U2, "omh:step-count:3.0", steps(5, "2026-03-02T06:27:00Z", "2026-03-02T06:28:00Z"))))
                .upload()
                .epochs();
        assertThat(epochs).extracting(EpochRecord::steps).containsExactly(3, 2, 2 + 5);
        assertThat(epochs.get(0).t()).isEqualTo("2026-03-02T06:25:00Z");
    }

    @Test
    void samplesThatWouldBeStoredAsWhatTheyAreNotAreRefusedWithTheReason() {
        assertThat(refused(point(
                        U1, "omh:heart-rate:2.0", sample("heart-rate/2.0/shouldPass/with-descriptive-statistic.json"))))
                .as("a day's heart rate is no minute's")
                .containsOnlyKeys("body.effective_time_frame.time_interval")
                .hasValueSatisfying(new org.assertj.core.api.Condition<>(
                        m -> m.startsWith("is longer than a minute"), "the reason"));
        for (String average : List.of(
                "step-count/3.0/shouldPass/with-average.json",
                "step-count/3.0/shouldPass/with-maximum.json",
                "step-count/3.0/shouldPass/with-session.json")) {
            assertThat(refused(point(U1, "omh:step-count:3.0", sample(average))))
                    .as(average)
                    .containsOnlyKeys("body.descriptive_statistic", "body.effective_time_frame.time_interval")
                    .containsEntry("body.effective_time_frame.time_interval", "must be at most 24 hours long");
        }
        assertThat(refused(point(U1, "omh:step-count:2.0", sample("step-count/2.0/shouldPass/with-average.json"))))
                .containsOnlyKeys("body.descriptive_statistic", "body.effective_time_frame.time_interval");
    }

    @Test
    void theSchemasShouldFailSamplesFailAtTheirPaths() {
        assertThat(refused(point(U1, "omh:heart-rate:2.0", sample("heart-rate/2.0/shouldFail/incorrect-unit.json"))))
                .containsExactly(Map.entry("body.heart_rate.unit", "must be beats/min"));
        assertThat(refused(point(
                        U1, "omh:step-count:3.0", sample("step-count/3.0/shouldFail/invalid-unit-step-count.json"))))
                .containsExactly(
                        Map.entry("body.step_count.value", "must be a number"),
                        Map.entry("body.step_count.unit", "must be steps"),
                        Map.entry("body.effective_time_frame", "must be given"));
        assertThat(refused(point(U1, "omh:step-count:3.0", sample("step-count/3.0/shouldFail/step-count-only.json"))))
                .containsExactly(Map.entry("body.effective_time_frame", "must be given"));
        assertThat(refused(point(
                        U1, "omh:step-count:3.0", sample("step-count/3.0/shouldFail/string-step-count-value.json"))))
                .containsOnlyKeys("body.step_count.value", "body.effective_time_frame");
        assertThat(refused(point(U1, "omh:step-count:3.0", sample("step-count/3.0/shouldFail/with-date-time.json"))))
                .containsExactly(Map.entry(
                        "body.effective_time_frame.date_time", "is an instant; a step count needs a time_interval"));
        assertThat(refused(point(U1, "omh:step-count:2.0", sample("step-count/2.0/shouldFail/with-date-time.json"))))
                .containsOnlyKeys("body.effective_time_frame.date_time");
    }

    @Test
    void inAnArrayEachProblemIsNamedWithItsIndex() {
        Map<String, String> bad = refused(array(
                point(U1, "omh:heart-rate:2.0", heartRate(72, "2026-03-02T08:15:00Z")),
                point(U2, "omh:heart-rate:2.0", heartRate(300, "2026-03-02T08:16:00Z")),
                point(U3, "omh:blood-pressure:4.0", heartRate(72, "2026-03-02T08:17:00Z")),
                point(U1, "omh:heart-rate:2.0", heartRate(72, "not a time"))));
        assertThat(bad)
                .containsExactly(
                        Map.entry("[1].body.heart_rate.value", "must be between 25 and 250"),
                        Map.entry(
                                "[2].header.schema_id",
                                "must be " + OpenMHealth.SUPPORTED + " ({namespace, name, version}, each a string)"),
                        Map.entry("[3].header.uuid", "repeats [0].header.uuid; each data point has a UUID of its own"),
                        Map.entry(
                                "[3].body.effective_time_frame.date_time",
                                "must be an RFC 3339 date-time with an offset, e.g. 2026-03-02T08:15:00Z"));
    }

    @Test
    void theHeaderNeedsAUuidOrOpenMHealthsOwnIdAsAUuid() {
        JsonObject noUuid = Json.createObjectBuilder(
                        point(U1, "omh:heart-rate:2.0", heartRate(72, "2026-03-02T08:15:00Z")))
                .add(
                        "header",
                        Json.createObjectBuilder()
                                .add(
                                        "schema_id",
                                        Json.createObjectBuilder()
                                                .add("namespace", "omh")
                                                .add("name", "heart-rate")
                                                .add("version", "2.0")))
                .build();
        assertThat(refused(noUuid)).containsOnlyKeys("header.uuid");
        JsonObject withId = Json.createObjectBuilder(noUuid)
                .add(
                        "header",
                        Json.createObjectBuilder(noUuid.getJsonObject("header")).add("id", U2))
                .build();
        assertThat(OpenMHealth.map(withId).upload().batchId()).isEqualTo(U2);
        JsonObject notAUuid = Json.createObjectBuilder(withId)
                .add(
                        "header",
                        Json.createObjectBuilder(withId.getJsonObject("header")).add("id", "fitbit-123"))
                .build();
        assertThat(refused(notAUuid)).containsOnlyKeys("header.id");
    }

    @Test
    void timesAndLimits() {
        JsonObject endBeforeStart = steps(10, "2026-03-02T06:25:00Z", "2026-03-02T06:20:00Z");
        assertThat(refused(point(U1, "omh:step-count:3.0", endBeforeStart)))
                .containsOnlyKeys("body.effective_time_frame.time_interval.end_date_time");
        assertThat(refused(point(U1, "omh:step-count:3.0", steps(401, "2026-03-02T06:25:00Z", "2026-03-02T06:26:00Z"))))
                .containsOnlyKeys("body.step_count.value");
        JsonObject vague = Json.createObjectBuilder(steps(10, "x", "y"))
                .add(
                        "effective_time_frame",
                        Json.createObjectBuilder()
                                .add(
                                        "time_interval",
                                        Json.createObjectBuilder()
                                                .add("date", "2026-03-02")
                                                .add("part_of_day", "morning")))
                .build();
        assertThat(refused(point(U1, "omh:step-count:3.0", vague)))
                .containsOnlyKeys("body.effective_time_frame.time_interval");
        JsonObject monthLong = Json.createObjectBuilder()
                .add(
                        "effective_time_frame",
                        Json.createObjectBuilder()
                                .add(
                                        "time_interval",
                                        Json.createObjectBuilder()
                                                .add("end_date_time", "2026-03-02T07:00:00Z")
                                                .add(
                                                        "duration",
                                                        Json.createObjectBuilder()
                                                                .add("value", 1)
                                                                .add("unit", "Mo"))))
                .build();
        assertThat(refused(point(U1, "omh:sleep-episode:1.1", monthLong)))
                .containsExactly(Map.entry(
                        "body.effective_time_frame.time_interval.duration.unit",
                        "has no fixed length; give sec, min, h or d"));
        JsonObject endAndDuration = Json.createObjectBuilder(monthLong)
                .add(
                        "effective_time_frame",
                        Json.createObjectBuilder()
                                .add(
                                        "time_interval",
                                        Json.createObjectBuilder()
                                                .add("end_date_time", "2026-03-02T07:00:00Z")
                                                .add(
                                                        "duration",
                                                        Json.createObjectBuilder()
                                                                .add("value", 570)
                                                                .add("unit", "min"))))
                .build();
        assertThat(OpenMHealth.map(point(U1, "omh:sleep-episode:1.1", endAndDuration))
                        .upload()
                        .sleepEpisodes())
                .containsExactly(new UploadRepository.Episode(
                        Instant.parse("2026-03-01T21:30:00Z"), Instant.parse("2026-03-02T07:00:00Z"), "device"));

        JsonObject[] days = new JsonObject[8];
        for (int i = 0; i < days.length; i++) {
            days[i] = point(
                    "6f1c7a8e-2b7d-4c55-9a55-1d3e4b0f0b0" + i,
                    "omh:step-count:3.0",
                    steps(1000, "2026-02-0" + (i + 1) + "T00:00:00Z", "2026-02-0" + (i + 2) + "T00:00:00Z"));
        }
        assertThat(refused(array(days)))
                .as("eight days of minutes is more than a request may cover")
                .containsOnlyKeys("body");
        assertThat(refused(Json.createArrayBuilder().build())).containsOnlyKeys("body");
        assertThat(refused(Json.createValue(42))).containsOnlyKeys("body");
        assertThat(refused(Json.createArrayBuilder().add(42).build()))
                .containsExactly(Map.entry("[0]", "must be a data point: an object with header and body"));
    }

    @Test
    void theServicesComplaintsAreRenamedToTheFieldsTheClientSent() {
        OpenMHealth.Points points = OpenMHealth.map(array(
                point(U1, "omh:heart-rate:2.0", heartRate(72, "2099-03-02T08:15:00Z")),
                point(U2, "omh:sleep-episode:1.1", sample("sleep-episode/1.1/shouldPass/valid-sleep-episode.json"))));
        InvalidInputException fromTheService = new InvalidInputException(Map.of(
                "epochs[0].t", "lies in the future",
                "sleepEpisodes[0].onset", "is older than 400 days"));
        assertThat(points.renamed(fromTheService).fields())
                .containsOnly(
                        Map.entry("[0].body.effective_time_frame.date_time", "lies in the future"),
                        Map.entry("[1].body.effective_time_frame.time_interval", "is older than 400 days"));
    }

    @Test
    void theBodyIsStrictJson() {
        assertThat(catchThrowableOfType(
                                () -> OpenMHealth.read(
                                        new ByteArrayInputStream("[{\"header\": ".getBytes(StandardCharsets.UTF_8))),
                                InvalidInputException.class)
                        .fields())
                .containsOnlyKeys("body");
        byte[] duplicate = "{\"header\": {}, \"header\": {}, \"body\": {}}".getBytes(StandardCharsets.UTF_8);
        assertThat(catchThrowableOfType(
                                () -> OpenMHealth.read(new ByteArrayInputStream(duplicate)),
                                InvalidInputException.class)
                        .fields())
                .as("a key given twice")
                .containsExactly(Map.entry("body", "is not valid JSON, or gives a key twice (line 1, column 27)"));
        byte[] latin1 = "{\"header\": {\"uuid\": \"caf\u00e9\"}}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(catchThrowableOfType(
                        () -> OpenMHealth.read(new ByteArrayInputStream(latin1)), RuntimeException.class))
                .as("malformed UTF-8: a JsonException, which ProblemMappers answers with 400")
                .isInstanceOf(jakarta.json.JsonException.class);
        assertThat(OpenMHealth.read(new ByteArrayInputStream(
                                point(U1, "omh:heart-rate:2.0", heartRate(72, "2026-03-02T08:15:00Z"))
                                        .toString()
                                        .getBytes(StandardCharsets.UTF_8)))
                        .upload()
                        .epochs())
                .hasSize(1);
    }
}

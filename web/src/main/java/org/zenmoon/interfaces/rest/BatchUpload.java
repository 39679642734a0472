package org.zenmoon.interfaces.rest;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zenmoon.application.InvalidInputException;
import org.zenmoon.application.Upload;
import org.zenmoon.domain.model.device.UploadRepository;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * The body of {@code POST /ingest/batches} and of an MQTT upload (../shared/API.md): a batch id chosen once by the
 * phone, and the epochs, events and sleep episodes it holds. Bean Validation checks every field, so a problem names
 * each bad one with its index ({@code epochs[17].hr}); {@link #toUpload} hands the batch to the service.
 */
public class BatchUpload {

    /** Epochs per batch: three days of minutes, some 650 kB of JSON, under the 1 MiB body limit. A phone that buffered longer sends several batches. */
    public static final int MAX_EPOCHS = 4_320;

    public static final int MAX_EPISODES = 100;

    public static final int MAX_EVENTS = 100;

    private static final String REQUIRED = "must be given";

    @NotNull(message = REQUIRED)
    @Pattern(
            regexp = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}",
            message = "must be 1 to 64 letters, digits, '.', '_', ':' or '-'")
    public String batchId;

    @Size(max = 36, message = "must be at most 36 characters")
    @Pattern(regexp = Requests.NO_CONTROL_CHARACTERS, message = Requests.NO_CONTROL_CHARACTERS_MESSAGE)
    public String deviceId;

    /** The phone's clock when it sent the batch: the server compares it with its own. */
    @IsoTimestamp
    public String sentAt;

    @Size(max = MAX_EPOCHS, message = "must hold at most " + MAX_EPOCHS + " epochs; send the rest in another batch")
    public List<@NotNull(message = REQUIRED) @Valid EpochUpload> epochs;

    @Size(max = MAX_EVENTS, message = "must hold at most " + MAX_EVENTS + " events")
    public List<@NotNull(message = REQUIRED) @Valid EventUpload> events;

    @Size(max = MAX_EPISODES, message = "must hold at most " + MAX_EPISODES + " sleep episodes")
    public List<@NotNull(message = REQUIRED) @Valid EpisodeUpload> sleepEpisodes;

    /** One minute: {@code t} is the minute's start; every measure is optional, its range checked. */
    public static class EpochUpload {

        @NotNull(message = REQUIRED)
        @IsoTimestamp
        public String t;

        @Between(min = 25, max = 250, message = "must be between 25 and 250")
        public Double hr;

        @Between(min = 0, max = 1000, message = "must be between 0 and 1000")
        public Double rmssd;

        @Between(min = 0, max = 100, message = "must be between 0 and 100")
        public Double eda;

        @Min(value = 0, message = "must be between 0 and 65535")
        @Max(value = 65_535, message = "must be between 0 and 65535")
        public Integer activity;

        @Between(min = 0, max = 1, message = "must be between 0 and 1")
        public Double stress;

        @Pattern(regexp = "WAKE|SLEEP|UNKNOWN", message = "must be WAKE, SLEEP or UNKNOWN")
        public String sleep;

        @Between(min = 0, max = 1, message = "must be between 0 and 1")
        public Double quality;

        @Min(value = 0, message = "must be between 0 and 254")
        @Max(value = 254, message = "must be between 0 and 254")
        public Integer scr;

        public Boolean wear;

        @Between(min = 0, max = 1, message = "must be between 0 and 1")
        public Double anomaly;

        /** The wearable's sequence number of the minute (FRAME.md); the phone uses it, the server does not keep it. */
        @Min(value = 0, message = "must not be negative")
        public Long seq;

        EpochRecord toRecord(String deviceId) {
            return new EpochRecord(
                    IsoTimestamp.Check.instant(t),
                    real(hr),
                    real(rmssd),
                    real(eda),
                    activity,
                    real(stress),
                    sleep,
                    real(quality),
                    scr,
                    wear,
                    real(anomaly),
                    deviceId);
        }

        private static Float real(Double d) {
            return d == null ? null : d.floatValue();
        }
    }

    /** An event the phone reports for its child, such as {@code math_test}. */
    public static class EventUpload {

        @NotNull(message = Requests.ACTIVITY_TYPE_MESSAGE)
        @Pattern(regexp = Requests.ACTIVITY_TYPE, message = Requests.ACTIVITY_TYPE_MESSAGE)
        public String type;

        @NotNull(message = REQUIRED)
        @IsoTimestamp
        public String start;

        @NotNull(message = REQUIRED)
        @IsoTimestamp
        public String end;

        @Pattern(regexp = "[a-z][a-z_]{0,15}", message = "must be 1 to 16 lower-case letters or underscores")
        public String source;
    }

    /** A night's sleep as the device or the family reports it. */
    public static class EpisodeUpload {

        @NotNull(message = REQUIRED)
        @IsoTimestamp
        public String onset;

        @NotNull(message = REQUIRED)
        @IsoTimestamp
        public String wake;

        @Pattern(regexp = "device|reported", message = "must be device or reported")
        public String source;
    }

    /**
     * The batch in a body, read strictly ({@link StrictJson}): every value of the wrong JSON type is named
     * ({@code epochs[3].hr}: must be a number) instead of being converted as JSON-B would ({@code "80"} to 80,
     * {@code 120.7} to 120, {@code "true"} to true), so that what is stored is what the phone meant. The ranges are
     * Bean Validation's, afterwards.
     */
    public static BatchUpload fromJson(byte[] body) {
        JsonValue root = StrictJson.parse(body);
        if (root.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidInputException("body", "must be a JSON object with batchId and epochs");
        }
        JsonObject o = root.asJsonObject();
        Fields f = new Fields();
        BatchUpload b = new BatchUpload();
        b.batchId = f.string(o, "batchId", "");
        b.deviceId = f.string(o, "deviceId", "");
        b.sentAt = f.string(o, "sentAt", "");
        b.epochs = f.list(o, "epochs", "", (e, at) -> {
            EpochUpload u = new EpochUpload();
            u.t = f.string(e, "t", at);
            u.hr = f.number(e, "hr", at);
            u.rmssd = f.number(e, "rmssd", at);
            u.eda = f.number(e, "eda", at);
            u.activity = f.integer(e, "activity", at);
            u.stress = f.number(e, "stress", at);
            u.sleep = f.string(e, "sleep", at);
            u.quality = f.number(e, "quality", at);
            u.scr = f.integer(e, "scr", at);
            u.wear = f.bool(e, "wear", at);
            u.anomaly = f.number(e, "anomaly", at);
            u.seq = f.whole(e, "seq", at, Long.MAX_VALUE);
            return u;
        });
        b.events = f.list(o, "events", "", (e, at) -> {
            EventUpload u = new EventUpload();
            u.type = f.string(e, "type", at);
            u.start = f.string(e, "start", at);
            u.end = f.string(e, "end", at);
            u.source = f.string(e, "source", at);
            return u;
        });
        b.sleepEpisodes = f.list(o, "sleepEpisodes", "", (e, at) -> {
            EpisodeUpload u = new EpisodeUpload();
            u.onset = f.string(e, "onset", at);
            u.wake = f.string(e, "wake", at);
            u.source = f.string(e, "source", at);
            return u;
        });
        if (!f.bad.isEmpty()) {
            throw new InvalidInputException(f.bad);
        }
        return b;
    }

    /** Reads typed values out of JSON objects and notes each value of the wrong type under its path. */
    private static final class Fields {
        final Map<String, String> bad = new LinkedHashMap<>();

        /** The value, or null when it is absent or JSON null (Bean Validation then says whether it was required). */
        private JsonValue get(JsonObject o, String key) {
            JsonValue v = o.get(key);
            return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v;
        }

        private static String at(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        String string(JsonObject o, String key, String path) {
            JsonValue v = get(o, key);
            if (v == null) {
                return null;
            }
            if (v instanceof JsonString s) {
                return s.getString();
            }
            bad.put(at(path, key), "must be a string");
            return null;
        }

        Boolean bool(JsonObject o, String key, String path) {
            JsonValue v = get(o, key);
            if (v == null) {
                return null;
            }
            if (v.getValueType() == JsonValue.ValueType.TRUE || v.getValueType() == JsonValue.ValueType.FALSE) {
                return v.getValueType() == JsonValue.ValueType.TRUE;
            }
            bad.put(at(path, key), "must be true or false");
            return null;
        }

        Double number(JsonObject o, String key, String path) {
            JsonValue v = get(o, key);
            if (v == null) {
                return null;
            }
            if (v instanceof JsonNumber n) {
                double d = n.doubleValue();
                if (Double.isFinite(d)) {
                    return d;
                }
                bad.put(at(path, key), "is out of range");
                return null;
            }
            bad.put(at(path, key), "must be a number");
            return null;
        }

        Integer integer(JsonObject o, String key, String path) {
            Long n = whole(o, key, path, Integer.MAX_VALUE);
            return n == null ? null : n.intValue();
        }

        /** A whole number no larger in size than {@code limit}. */
        Long whole(JsonObject o, String key, String path, long limit) {
            JsonValue v = get(o, key);
            if (v == null) {
                return null;
            }
            if (!(v instanceof JsonNumber n)) {
                bad.put(at(path, key), "must be a whole number");
                return null;
            }
            java.math.BigDecimal value = n.bigDecimalValue();
            if (value.stripTrailingZeros().scale() > 0) {
                bad.put(at(path, key), "must be a whole number");
                return null;
            }
            if (value.abs().compareTo(java.math.BigDecimal.valueOf(limit)) > 0) {
                bad.put(at(path, key), "is out of range");
                return null;
            }
            return value.longValue();
        }

        /** A list of objects; a JSON null element stays null for Bean Validation to name. */
        <T> List<T> list(
                JsonObject o, String key, String path, java.util.function.BiFunction<JsonObject, String, T> item) {
            JsonValue v = get(o, key);
            if (v == null) {
                return null;
            }
            if (!(v instanceof JsonArray array)) {
                bad.put(at(path, key), "must be a list");
                return null;
            }
            List<T> items = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                JsonValue element = array.get(i);
                String at = at(path, key) + "[" + i + "]";
                if (element.getValueType() == JsonValue.ValueType.NULL) {
                    items.add(null);
                } else if (element instanceof JsonObject object) {
                    items.add(item.apply(object, at));
                } else {
                    bad.put(at, "must be an object");
                    items.add(null);
                }
            }
            return items;
        }
    }

    /** The batch for the service, once Bean Validation has passed it. */
    public Upload toUpload(Upload.Channel channel) {
        return new Upload(
                batchId,
                deviceId,
                channel,
                sentAt == null ? null : IsoTimestamp.Check.instant(sentAt),
                epochs == null
                        ? List.of()
                        : epochs.stream().map(e -> e.toRecord(deviceId)).toList(),
                events == null
                        ? List.of()
                        : events.stream()
                                .map(e -> new UploadRepository.Event(
                                        e.type,
                                        IsoTimestamp.Check.instant(e.start),
                                        IsoTimestamp.Check.instant(e.end),
                                        e.source == null ? "phone" : e.source))
                                .toList(),
                sleepEpisodes == null
                        ? List.of()
                        : sleepEpisodes.stream()
                                .map(e -> new UploadRepository.Episode(
                                        IsoTimestamp.Check.instant(e.onset),
                                        IsoTimestamp.Check.instant(e.wake),
                                        e.source == null ? "device" : e.source))
                                .toList());
    }
}

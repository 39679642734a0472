package org.zenmoon.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.zenmoon.application.InvalidInputException;
import org.zenmoon.application.Upload;
import org.zenmoon.domain.model.device.UploadRepository;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * Open mHealth (IEEE 1752) data points, one or an array, as the upload the service takes: heart rate
 * ({@code omh:heart-rate:2.0}) and step counts ({@code omh:step-count:2.0}, {@code 3.0}) become minutes, sleep
 * episodes ({@code omh:sleep-episode:1.1}) become episodes. Read with JSON-P rather than bound to classes, so that
 * every problem names its place in the document ({@code [3].body.heart_rate.value}) and all of them are listed at
 * once. What the schemas allow but would be stored as something it is not is refused with the reason: a heart rate
 * summarised over more than a minute, a statistic of step counts, an imprecise time.
 */
public final class OpenMHealth {

    /** The media type some Open mHealth clients send; plain {@code application/json} is taken too. */
    public static final String MEDIA_TYPE = "application/vnd.openmhealth+json";

    /** Data points per request. */
    public static final int MAX_POINTS = 10_000;

    /**
     * Minutes per request, a minute counted once for each point that covers it: a week, one bulk statement's worth.
     * It bounds the work a request can ask for, since one step-count point may cover a day.
     */
    public static final int MAX_MINUTES = 10_080;

    public static final int MAX_EPISODES = BatchUpload.MAX_EPISODES;

    /** Well above a sprinting child's cadence (some 250 a minute); more is a count over the wrong interval. */
    static final int MAX_STEPS_PER_MINUTE = 400;

    static final int MAX_STEP_COUNT = 1_000_000;

    /** As for a sleep episode of {@code /ingest/batches}. */
    static final Duration MAX_INTERVAL = Duration.ofHours(24);

    static final String SUPPORTED =
            "omh:heart-rate:2.0, omh:step-count:2.0, omh:step-count:3.0 or omh:sleep-episode:1.1";

    private static final Set<String> SCHEMAS =
            Set.of("omh:heart-rate:2.0", "omh:step-count:2.0", "omh:step-count:3.0", "omh:sleep-episode:1.1");

    private static final String REQUIRED = "must be given";

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Nanoseconds per unit of Open mHealth's duration-unit-value; months and years have no fixed length. */
    private static final Map<String, Long> DURATION_NANOS = Map.of(
            "ps", 0L,
            "ns", 1L,
            "us", 1_000L,
            "ms", 1_000_000L,
            "sec", 1_000_000_000L,
            "min", 60_000_000_000L,
            "h", 3_600_000_000_000L,
            "d", 86_400_000_000_000L,
            "wk", 604_800_000_000_000L);

    /** A key given twice is refused, not silently the last one taken. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(
            Map.of(jakarta.json.JsonConfig.KEY_STRATEGY, jakarta.json.JsonConfig.KeyStrategy.NONE));

    private OpenMHealth() {}

    /**
     * What a request becomes: the upload for the service, and for each of its items ({@code epochs[4].t},
     * {@code sleepEpisodes[0].onset}) the data point field it came from, so that the service's own checks (a time in
     * the future, too old) name the field the client sent.
     */
    public record Points(Upload upload, Map<String, String> sources) {

        /** The service's complaint, about the data points' fields instead of the upload's. */
        public InvalidInputException renamed(InvalidInputException e) {
            Map<String, String> named = new LinkedHashMap<>();
            e.fields().forEach((field, message) -> named.putIfAbsent(sources.getOrDefault(field, field), message));
            return new InvalidInputException(named);
        }
    }

    /** Reads the request body (UTF-8; a malformed byte is an error, not a replacement character). */
    public static Points read(InputStream body) {
        JsonValue json;
        try (JsonReader reader = READERS.createReader(new InputStreamReader(
                body,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            json = reader.readValue();
        } catch (JsonParsingException e) {
            // Where, never what: the parser's message can quote the body.
            JsonLocation at = e.getLocation();
            throw new InvalidInputException(
                    "body",
                    "is not valid JSON, or gives a key twice"
                            + (at == null || at.getLineNumber() < 0
                                    ? ""
                                    : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")"));
        }
        return map(json);
    }

    /** One data point (an object) or an array of them; every bad field is named before anything is stored. */
    public static Points map(JsonValue json) {
        List<JsonValue> items;
        boolean array = json.getValueType() == JsonValue.ValueType.ARRAY;
        if (array) {
            items = json.asJsonArray();
            if (items.isEmpty()) {
                throw new InvalidInputException("body", "must hold at least one data point");
            }
            if (items.size() > MAX_POINTS) {
                throw new InvalidInputException(
                        "body", "must hold at most " + MAX_POINTS + " data points; send the rest in another request");
            }
        } else if (json.getValueType() == JsonValue.ValueType.OBJECT) {
            items = List.of(json);
        } else {
            throw new InvalidInputException(
                    "body", "must be an Open mHealth data point (an object with header and body) or an array of them");
        }
        Mapper m = new Mapper();
        for (int i = 0; i < items.size(); i++) {
            m.point(array ? "[" + i + "]" : "", items.get(i));
        }
        return m.points();
    }

    /** A time frame as read: an instant ({@code date_time}) or an interval, with where it stands in the request. */
    private record Frame(Instant start, Instant end, boolean instant, String path) {}

    /** What the points say about one minute. */
    private static final class Minute {
        final String source;
        double hrSum;
        int hrCount;
        int steps;
        boolean counted;

        Minute(String source) {
            this.source = source;
        }
    }

    private static final class Mapper {
        final Map<String, String> bad = new LinkedHashMap<>();
        final TreeMap<Instant, Minute> minutes = new TreeMap<>();
        final List<UploadRepository.Episode> episodes = new ArrayList<>();
        final List<String> episodeSources = new ArrayList<>();
        final Map<String, String> uuids = new HashMap<>();
        long minuteSlots;

        void point(String at, JsonValue value) {
            String prefix = at.isEmpty() ? "" : at + ".";
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                bad.put(at, "must be a data point: an object with header and body");
                return;
            }
            JsonObject p = value.asJsonObject();
            JsonObject header = object(p, "header", prefix + "header", true);
            JsonObject body = object(p, "body", prefix + "body", true);
            String schema = null;
            if (header != null) {
                uuid(header, prefix + "header");
                schema = schema(header, prefix + "header.schema_id");
            }
            if (body == null || schema == null) {
                return;
            }
            String b = prefix + "body";
            switch (schema) {
                case "omh:heart-rate:2.0" -> heartRate(body, b);
                case "omh:step-count:2.0" -> steps(body, b, false);
                case "omh:step-count:3.0" -> steps(body, b, true);
                case "omh:sleep-episode:1.1" -> sleep(body, b);
                default -> throw new IllegalStateException("schema checked above");
            }
        }

        /**
         * The idempotency key: {@code header.uuid} (IEEE 1752.1, API.md), or the {@code header.id} of Open mHealth's
         * own header where there is no {@code uuid}; a UUID either way, and once per request.
         */
        void uuid(JsonObject header, String at) {
            String key = header.containsKey("uuid") || !header.containsKey("id") ? "uuid" : "id";
            String path = at + "." + key;
            String id = string(header, key, path, true);
            if (id == null) {
                return;
            }
            if (!UUID_FORM.matcher(id).matches()) {
                bad.put(path, "must be a UUID, e.g. 123e4567-e89b-12d3-a456-426614174000");
                return;
            }
            String first = uuids.putIfAbsent(id.toLowerCase(Locale.ROOT), path);
            if (first != null) {
                bad.put(path, "repeats " + first + "; each data point has a UUID of its own");
            }
        }

        String schema(JsonObject header, String at) {
            JsonObject id = object(header, "schema_id", at, true);
            if (id == null) {
                return null;
            }
            String key = plain(id, "namespace") + ":" + plain(id, "name") + ":" + plain(id, "version");
            if (!SCHEMAS.contains(key)) {
                bad.put(at, "must be " + SUPPORTED + " ({namespace, name, version}, each a string)");
                return null;
            }
            return key;
        }

        /**
         * A heart rate as measured at an instant, or over at most a minute, goes to that minute (several in one
         * minute: their mean, as the wearable's minute is). A minimum, maximum or mean over longer is not any one
         * minute's heart rate, and storing it as one would mislead every analysis that reads minutes.
         */
        void heartRate(JsonObject body, String at) {
            int problems = bad.size();
            JsonObject hr = object(body, "heart_rate", at + ".heart_rate", true);
            Double value = null;
            if (hr != null) {
                value = number(hr, "value", at + ".heart_rate.value");
                String unit = string(hr, "unit", at + ".heart_rate.unit", true);
                if (unit != null && !unit.equals("beats/min")) {
                    bad.put(at + ".heart_rate.unit", "must be beats/min");
                }
                if (value != null && (value < 25 || value > 250)) {
                    bad.put(at + ".heart_rate.value", "must be between 25 and 250");
                }
            }
            String statistic = string(body, "descriptive_statistic", at + ".descriptive_statistic", false);
            if (statistic != null && !statistic.equals("average")) {
                bad.put(
                        at + ".descriptive_statistic",
                        "must be absent or average: ZenMoon stores a minute's heart rate, not another statistic of it");
            }
            Frame f = timeFrame(body, at + ".effective_time_frame");
            if (f != null && Duration.between(f.start(), f.end()).compareTo(Duration.ofMinutes(1)) > 0) {
                bad.put(
                        f.path(),
                        "is longer than a minute: a heart rate over a longer time is not a minute's heart rate; give a"
                                + " date_time or an interval of at most one minute");
            }
            if (bad.size() == problems && slots(1)) {
                Minute m =
                        minutes.computeIfAbsent(f.start().truncatedTo(ChronoUnit.MINUTES), t -> new Minute(f.path()));
                m.hrSum += value;
                m.hrCount++;
            }
        }

        /**
         * Steps over an interval (at most a day), spread evenly over the minutes it touches, the remainder to the
         * first minutes, and added to what other points of the request counted in the same minute. A statistic of
         * step counts (an average per day, a maximum) is no count of the steps in the interval, so it is refused.
         */
        void steps(JsonObject body, String at, boolean unitValue) {
            int problems = bad.size();
            String countPath = at + ".step_count";
            Long count;
            if (unitValue) {
                JsonObject sc = object(body, "step_count", countPath, true);
                count = null;
                if (sc != null) {
                    countPath = countPath + ".value";
                    count = whole(sc, "value", countPath);
                    String unit = string(sc, "unit", at + ".step_count.unit", true);
                    if (unit != null && !unit.equals("steps")) {
                        bad.put(at + ".step_count.unit", "must be steps");
                    }
                }
            } else {
                count = whole(body, "step_count", countPath);
            }
            if (present(body, "descriptive_statistic")) {
                bad.put(
                        at + ".descriptive_statistic",
                        "must be absent: an average or maximum of step counts is not the steps taken in the interval,"
                                + " which is what ZenMoon stores");
            }
            Frame f = timeFrame(body, at + ".effective_time_frame");
            if (f != null && f.instant()) {
                bad.put(f.path(), "is an instant; a step count needs a time_interval");
            }
            if (bad.size() != problems) {
                return;
            }
            Instant first = f.start().truncatedTo(ChronoUnit.MINUTES);
            Instant lastStart = f.end().truncatedTo(ChronoUnit.MINUTES);
            boolean endsOnAMinute = f.end().equals(lastStart) && f.end().isAfter(f.start());
            int n = (int) Duration.between(first, lastStart).toMinutes() + (endsOnAMinute ? 0 : 1);
            long base = count / n;
            long rest = count % n;
            if (base + (rest > 0 ? 1 : 0) > MAX_STEPS_PER_MINUTE) {
                bad.put(
                        countPath,
                        "is more than " + MAX_STEPS_PER_MINUTE + " steps a minute over its interval of " + n
                                + " minutes");
                return;
            }
            if (!slots(n)) {
                return;
            }
            for (int k = 0; k < n; k++) {
                Minute m = minutes.computeIfAbsent(first.plus(k, ChronoUnit.MINUTES), t -> new Minute(f.path()));
                m.steps += (int) (base + (k < rest ? 1 : 0));
                m.counted = true;
            }
        }

        /** The episode's interval: sleep onset to final awakening (the schema's own reading of it). */
        void sleep(JsonObject body, String at) {
            int problems = bad.size();
            Frame f = timeFrame(body, at + ".effective_time_frame");
            if (f != null && f.instant()) {
                bad.put(f.path(), "is an instant; a sleep episode needs a time_interval");
            } else if (f != null && !f.end().isAfter(f.start())) {
                bad.put(f.path(), "must end after it starts");
            }
            if (bad.size() == problems) {
                episodes.add(new UploadRepository.Episode(f.start(), f.end(), "device"));
                episodeSources.add(f.path());
            }
        }

        /** Counts minutes against {@link #MAX_MINUTES}; past it, no more are made. */
        boolean slots(int n) {
            minuteSlots += n;
            return minuteSlots <= MAX_MINUTES;
        }

        Frame timeFrame(JsonObject body, String at) {
            JsonObject f = object(body, "effective_time_frame", at, true);
            if (f == null) {
                return null;
            }
            boolean instant = present(f, "date_time");
            boolean interval = present(f, "time_interval");
            if (instant == interval) {
                bad.put(
                        at,
                        instant
                                ? "must hold a date_time or a time_interval, not both"
                                : "must hold a date_time" + " or a time_interval");
                return null;
            }
            if (instant) {
                Instant t = dateTime(f, "date_time", at + ".date_time");
                return t == null ? null : new Frame(t, t, true, at + ".date_time");
            }
            return interval(f, at + ".time_interval");
        }

        /** Start and end, start and duration, or end and duration; a date with a part of the day is too vague. */
        Frame interval(JsonObject frame, String at) {
            JsonObject i = object(frame, "time_interval", at, true);
            if (i == null) {
                return null;
            }
            boolean hasStart = present(i, "start_date_time");
            boolean hasEnd = present(i, "end_date_time");
            boolean hasDuration = present(i, "duration");
            if (!hasStart && !hasEnd && (present(i, "date") || present(i, "part_of_day"))) {
                bad.put(
                        at,
                        "a date and part of the day is not precise enough; give start_date_time with"
                                + " end_date_time or duration");
                return null;
            }
            if ((hasStart ? 1 : 0) + (hasEnd ? 1 : 0) + (hasDuration ? 1 : 0) != 2) {
                bad.put(at, "must hold two of start_date_time, end_date_time and duration");
                return null;
            }
            Instant start = hasStart ? dateTime(i, "start_date_time", at + ".start_date_time") : null;
            Instant end = hasEnd ? dateTime(i, "end_date_time", at + ".end_date_time") : null;
            Duration length = hasDuration ? duration(i, at + ".duration") : null;
            if ((hasStart && start == null) || (hasEnd && end == null) || (hasDuration && length == null)) {
                return null;
            }
            if (start == null) {
                start = end.minus(length);
            } else if (end == null) {
                end = start.plus(length);
            }
            if (end.isBefore(start)) {
                bad.put(at + ".end_date_time", "must not be before start_date_time");
                return null;
            }
            if (Duration.between(start, end).compareTo(MAX_INTERVAL) > 0) {
                bad.put(at, "must be at most 24 hours long");
                return null;
            }
            return new Frame(start, end, false, at);
        }

        Duration duration(JsonObject interval, String at) {
            JsonObject d = object(interval, "duration", at, true);
            if (d == null) {
                return null;
            }
            Double value = number(d, "value", at + ".value");
            String unit = string(d, "unit", at + ".unit", true);
            if (unit != null && !DURATION_NANOS.containsKey(unit)) {
                bad.put(
                        at + ".unit",
                        unit.equals("Mo") || unit.equals("yr")
                                ? "has no fixed length; give sec, min, h or d"
                                : "must be one of ps, ns, us, ms, sec, min, h, d or wk");
                return null;
            }
            if (value == null || unit == null) {
                return null;
            }
            if (value < 0) {
                bad.put(at + ".value", "must not be negative");
                return null;
            }
            BigDecimal nanos = BigDecimal.valueOf(value).multiply(BigDecimal.valueOf(DURATION_NANOS.get(unit)));
            if (unit.equals("ps")) {
                nanos = BigDecimal.valueOf(value).movePointLeft(3);
            }
            if (nanos.compareTo(BigDecimal.valueOf(MAX_INTERVAL.toNanos())) > 0) {
                bad.put(at, "must be at most 24 hours");
                return null;
            }
            return Duration.ofNanos(nanos.longValue());
        }

        Points points() {
            if (minuteSlots > MAX_MINUTES) {
                bad.put(
                        "body",
                        "covers more than " + MAX_MINUTES
                                + " minutes (counted once per data point); send the points in several requests");
            }
            if (episodes.size() > MAX_EPISODES) {
                bad.put("body", "must hold at most " + MAX_EPISODES + " sleep episodes");
            }
            if (!bad.isEmpty()) {
                throw new InvalidInputException(bad);
            }
            Map<String, String> sources = new LinkedHashMap<>();
            List<EpochRecord> epochs = new ArrayList<>(minutes.size());
            for (Map.Entry<Instant, Minute> e : minutes.entrySet()) {
                Minute m = e.getValue();
                sources.put("epochs[" + epochs.size() + "].t", m.source);
                epochs.add(new EpochRecord(
                        e.getKey(),
                        m.hrCount == 0 ? null : (float) (m.hrSum / m.hrCount),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        m.counted ? m.steps : null));
            }
            for (int i = 0; i < episodes.size(); i++) {
                sources.put("sleepEpisodes[" + i + "].onset", episodeSources.get(i));
                sources.put("sleepEpisodes[" + i + "].wake", episodeSources.get(i));
            }
            List<String> ids = uuids.keySet().stream().sorted().toList();
            String batchId = ids.size() == 1
                    ? ids.get(0)
                    : UUID.nameUUIDFromBytes(("omh:" + String.join(",", ids)).getBytes(StandardCharsets.UTF_8))
                            .toString();
            return new Points(
                    new Upload(batchId, null, Upload.Channel.OMH, null, epochs, List.of(), episodes), sources);
        }

        // The reading of single values: each names the field it finds wrong.

        static boolean present(JsonObject o, String name) {
            JsonValue v = o.get(name);
            return v != null && v.getValueType() != JsonValue.ValueType.NULL;
        }

        JsonObject object(JsonObject o, String name, String path, boolean required) {
            if (!present(o, name)) {
                if (required) {
                    bad.put(path, REQUIRED);
                }
                return null;
            }
            JsonValue v = o.get(name);
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                bad.put(path, "must be an object");
                return null;
            }
            return v.asJsonObject();
        }

        String string(JsonObject o, String name, String path, boolean required) {
            if (!present(o, name)) {
                if (required) {
                    bad.put(path, REQUIRED);
                }
                return null;
            }
            JsonValue v = o.get(name);
            if (v.getValueType() != JsonValue.ValueType.STRING) {
                bad.put(path, "must be a string");
                return null;
            }
            return ((JsonString) v).getString();
        }

        /** A string member or null, for a comparison that reports on its own. */
        static String plain(JsonObject o, String name) {
            JsonValue v = o.get(name);
            return v != null && v.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) v).getString() : null;
        }

        Double number(JsonObject o, String name, String path) {
            if (!present(o, name)) {
                bad.put(path, REQUIRED);
                return null;
            }
            JsonValue v = o.get(name);
            if (v.getValueType() != JsonValue.ValueType.NUMBER) {
                bad.put(path, "must be a number");
                return null;
            }
            double d = ((JsonNumber) v).doubleValue();
            if (!Double.isFinite(d)) {
                bad.put(path, "must be a finite number");
                return null;
            }
            return d;
        }

        Long whole(JsonObject o, String name, String path) {
            Double d = number(o, name, path);
            if (d == null) {
                return null;
            }
            if (d < 0 || d > MAX_STEP_COUNT || d != Math.rint(d)) {
                bad.put(path, "must be a whole number from 0 to " + MAX_STEP_COUNT);
                return null;
            }
            return d.longValue();
        }

        Instant dateTime(JsonObject o, String name, String path) {
            String s = string(o, name, path, true);
            if (s == null) {
                return null;
            }
            try {
                if (s.length() <= 40) {
                    return OffsetDateTime.parse(s).toInstant();
                }
            } catch (DateTimeParseException e) {
                // Named below.
            }
            bad.put(path, "must be an RFC 3339 date-time with an offset, e.g. 2026-03-02T08:15:00Z");
            return null;
        }
    }
}

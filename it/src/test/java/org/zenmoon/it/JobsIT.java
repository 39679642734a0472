package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.zenmoon.analysis.chronotype.ChronotypeAnalysis;
import org.zenmoon.analysis.chronotype.ChronotypeCategory;
import org.zenmoon.demo.DemoDataGenerator;
import org.zenmoon.demo.DemoWorld;

/**
 * Issue #13's jobs on the demo data, through the API as an admin and a counsellor use them: every job runs over the
 * school's children with analysis consent, reports its progress from its own counters, and puts real results where
 * the API reads them; the results find what the demo generator planted; a job never runs twice at once for a
 * tenant, and a stopped run restarts from its checkpoints as the same run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobsIT {

    /** The launcher's default demo seed (zenmoon.demo.seed). */
    static final long DEMO_SEED = 20261127L;

    /** The school's children (Oak 15, Birch 15, Willow 10) less the two whose guardians hold analysis back. */
    static final int SCHOOL_CHILDREN_ANALYSED = 38;

    static Http http;
    static String admin;
    static String counsellor;

    @BeforeAll
    static void server() throws Exception {
        http = new Http(SharedServer.get().baseUrl());
        admin = http.token("school.admin");
        counsellor = http.token("counsellor");
    }

    @Test
    @Order(1)
    void everyJobRunsOverTheConsentedChildrenAndCountsThem() throws Exception {
        List<String> summary = new ArrayList<>();
        summary.add("job               children  wall s  read ms  compute ms  write ms   (school, demo data)");
        for (String job : List.of("sleep-detection", "chronotype", "causal-effects", "forecast")) {
            JsonObject done = runToTheEnd(job, admin);
            JsonObject t = done.getJsonObject("timings");
            summary.add(summaryLine(job, done));
            assertThat(done.getString("status")).as(job + ": " + done).isEqualTo("COMPLETED");
            assertThat(done.getJsonNumber("progress").doubleValue()).isEqualTo(1.0);
            assertThat(done.getInt("total")).as(job).isEqualTo(SCHOOL_CHILDREN_ANALYSED);
            assertThat(done.getInt("read")).as(job).isEqualTo(SCHOOL_CHILDREN_ANALYSED);
            assertThat(done.getInt("written") + done.getInt("skipped")).as(job).isEqualTo(done.getInt("read"));
            assertThat(done.getInt("skipped"))
                    .as(job + ": no demo child's data is unusable")
                    .isZero();
            assertThat(done.getString("endedAt")).isNotBlank();
            assertThat(t.getJsonNumber("computeMs").longValue()).as(job).isPositive();
        }
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "jobs-summary.txt"), summary);
        JsonArray recent = http.get("/api/v1/admin/jobs?limit=10", admin).json().asJsonArray();
        assertThat(recent.getValuesAs(JsonObject.class).stream()
                        .map(o -> o.getString("jobName"))
                        .toList())
                .contains("sleep-detection", "chronotype", "causal-effects", "forecast");
        // The clinic's admin sees none of the school's runs.
        String clinicAdmin = http.token("clinic.admin");
        assertThat(http.get("/api/v1/admin/jobs?limit=200", clinicAdmin)
                        .json()
                        .asJsonArray()
                        .getValuesAs(JsonObject.class))
                .noneMatch(o -> recent.getValuesAs(JsonObject.class).stream()
                        .anyMatch(r -> r.getString("executionId").equals(o.getString("executionId"))));
        assertThat(http.post("/api/v1/admin/jobs/forecast", "", counsellor).status())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/admin/jobs?limit=0", admin).status()).isEqualTo(400);
    }

    @Test
    @Order(2)
    void forecastsHaveOrderedIntervalsAndABacktest() throws Exception {
        String child = oakChildren().get(0);
        JsonObject stress = http.get("/api/v1/children/" + child + "/forecast?metric=stress&hours=24", counsellor)
                .object();
        assertThat(stress.getString("status")).as(stress.toString()).isEqualTo("ok");
        assertThat(stress.getString("model")).isNotBlank();
        assertThat(stress.getString("computedAt")).isNotBlank();
        List<JsonObject> points = stress.getJsonArray("points").getValuesAs(JsonObject.class);
        assertThat(points).hasSize(24);
        for (JsonObject p : points) {
            double lo95 = p.getJsonNumber("lo95").doubleValue();
            double lo80 = p.getJsonNumber("lo80").doubleValue();
            double mean = p.getJsonNumber("mean").doubleValue();
            double hi80 = p.getJsonNumber("hi80").doubleValue();
            double hi95 = p.getJsonNumber("hi95").doubleValue();
            assertThat(List.of(lo95, lo80, mean, hi80, hi95)).allMatch(Double::isFinite);
            assertThat(lo95).isLessThanOrEqualTo(lo80);
            assertThat(lo80).isLessThanOrEqualTo(mean);
            assertThat(mean).isLessThanOrEqualTo(hi80);
            assertThat(hi80).isLessThanOrEqualTo(hi95);
            // Stress scores live in [0, 1]; a forecast mean far outside would be nonsense.
            assertThat(mean).isBetween(-0.2, 1.2);
        }
        double mase = stress.getJsonObject("backtest").getJsonNumber("mase").doubleValue();
        assertThat(mase).isFinite().isPositive();
        assertThat(http.get("/api/v1/children/" + child + "/forecast?metric=stress&hours=6", counsellor)
                        .object()
                        .getJsonArray("points"))
                .hasSize(6);

        JsonObject sleep = http.get("/api/v1/children/" + child + "/forecast?metric=sleep", counsellor)
                .object();
        assertThat(sleep.getString("status")).as(sleep.toString()).isEqualTo("ok");
        List<JsonObject> nights = sleep.getJsonArray("points").getValuesAs(JsonObject.class);
        assertThat(nights).hasSize(7);
        // Hours of sleep for a child of 9 to 13: the demo children sleep 8 to 11 hours.
        assertThat(nights)
                .allSatisfy(
                        n -> assertThat(n.getJsonNumber("mean").doubleValue()).isBetween(6.0, 13.0));

        assertThat(http.get("/api/v1/children/" + child + "/forecast?metric=mood", counsellor)
                        .status())
                .isEqualTo(400);
        assertThat(http.get("/api/v1/children/" + child + "/forecast?hours=25", counsellor)
                        .status())
                .isEqualTo(400);
        // A child the counsellor does not look after (Willow) is not there for them.
        String willowChild = childrenOf(DemoDataGenerator.WILLOW, admin).get(0);
        assertThat(http.get("/api/v1/children/" + willowChild + "/forecast", counsellor)
                        .status())
                .isEqualTo(404);
    }

    @Test
    @Order(3)
    void storedResultsFindThePlantedTruths() throws Exception {
        DemoWorld world = new DemoDataGenerator(DEMO_SEED, seedingDay()).world();
        Map<String, DemoWorld.ChildRow> planted = new HashMap<>();
        world.children().forEach(c -> planted.put(c.id(), c));

        // Chronotype: MSFsc against the MSFsc of each child's planted schedule.
        List<Double> errors = new ArrayList<>();
        int agree = 0;
        int withCategory = 0;
        for (String id : childrenWithAnalysis()) {
            JsonObject c =
                    http.get("/api/v1/children/" + id + "/chronotype", admin).object();
            if (!"ok".equals(c.getString("status"))) {
                continue;
            }
            assertThat(c.getString("computedAt"))
                    .as("a stored result says when it was computed")
                    .isNotBlank();
            double measured = clockHours(c.getString("msfSc"));
            DemoWorld.ChildRow child = planted.get(id);
            double truth = DemoDataGenerator.truthMsfScHours(child);
            errors.add(Math.abs(circularDifference(measured, truth)) * 60);
            withCategory++;
            // The server's age: this year less the birth year, plus half a year.
            double age = LocalDate.now(ZoneOffset.UTC).getYear() - child.birthYear() + 0.5;
            ChronotypeCategory plantedCategory =
                    ChronotypeAnalysis.defaults(ZoneOffset.UTC).norms().categorise(truth * 60, age);
            if (c.getString("category").equals(plantedCategory.label())) {
                agree++;
            }
        }
        double mae = errors.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        assertThat(withCategory).isGreaterThanOrEqualTo(SCHOOL_CHILDREN_ANALYSED * 9 / 10);
        assertThat(mae).as("MSFsc mean absolute error, minutes").isFinite().isLessThanOrEqualTo(20.0);
        assertThat((double) agree / withCategory)
                .as("categories as planted (%d of %d)", agree, withCategory)
                .isGreaterThanOrEqualTo(0.9);

        // Causal effects, the school's children pooled: mindfulness helps (a third of the children were planted to
        // respond); screen-free evenings, planted with no effect, show no evidence.
        JsonObject mindfulness = cohortEffect("all", "mindfulness");
        assertThat(mindfulness.getString("verdict")).as(mindfulness.toString()).isEqualTo("helps");
        assertThat(mindfulness.getJsonNumber("ciHigh").doubleValue()).isNegative();
        JsonObject screenFree = cohortEffect("all", DemoDataGenerator.SCREEN_FREE_EVENING);
        assertThat(screenFree.getString("verdict")).as(screenFree.toString()).isEqualTo("no_evidence");
        // Each class has its own estimate too, with a real interval (a class of 13 to 15 is often too small to
        // decide: its verdict is whatever the data say).
        JsonObject oak = cohortEffect(DemoDataGenerator.id("cohort:oak"), "mindfulness");
        assertThat(oak.getJsonNumber("ciLow").doubleValue()).isFinite();
        assertThat(oak.getJsonNumber("ciHigh").doubleValue())
                .isGreaterThan(oak.getJsonNumber("ciLow").doubleValue());
        assertThat(oak.getString("verdict")).isIn("helps", "no_evidence");
        assertThat(http.get("/api/v1/cohorts/all/causal-effects", counsellor).status())
                .as("the whole school is the admin's")
                .isEqualTo(403);

        // Per child: those found to be helped are mostly children planted as responders.
        int foundHelps = 0;
        int truePositives = 0;
        for (String id : childrenWithAnalysis()) {
            JsonArray effects = http.get("/api/v1/children/" + id + "/causal-effects", admin)
                    .json()
                    .asJsonArray();
            for (JsonObject e : effects.getValuesAs(JsonObject.class)) {
                if (e.getString("intervention").equals("mindfulness")
                        && e.getString("outcome").equals("evening_stress")
                        && e.getString("verdict").equals("helps")) {
                    foundHelps++;
                    if (planted.get(id).truthMindfulnessEffect() < 0) {
                        truePositives++;
                    }
                }
            }
        }
        assertThat(foundHelps).as("children found helped by mindfulness").isPositive();
        assertThat((double) truePositives / foundHelps)
                .as("planted responders among the %d children found helped", foundHelps)
                .isGreaterThan(0.5);
    }

    @Test
    @Order(4)
    void aJobRunsOnceAtATimeAndAStoppedRunRestartsFromItsCheckpoints() throws Exception {
        Http.Reply started = http.post("/api/v1/admin/jobs/causal-effects", "", admin);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.object().getString("executionId");
        Http.Reply second = http.post("/api/v1/admin/jobs/causal-effects", "", admin);
        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(second.object().getString("detail")).contains("running");

        // Stop after some children are done.
        JsonObject s = waitFor(id, o -> o.getInt("read") >= 5 || !active(o));
        Http.Reply stop = http.post("/api/v1/admin/jobs/" + id + "/stop", "", admin);
        assertThat(stop.status()).isEqualTo(202);
        JsonObject stopped = waitFor(id, o -> !active(o));
        assertThat(stopped.getString("status")).as(stopped.toString()).isIn("STOPPED", "COMPLETED");
        if (stopped.getString("status").equals("STOPPED")) {
            int doneBefore = stopped.getInt("read");
            assertThat(doneBefore).isLessThan(SCHOOL_CHILDREN_ANALYSED);
            Http.Reply restart = http.post("/api/v1/admin/jobs/" + id + "/restart", "", admin);
            assertThat(restart.status()).as(restart.body()).isEqualTo(202);
            JsonObject done = waitFor(id, o -> !active(o));
            assertThat(done.getString("status")).as(done.toString()).isEqualTo("COMPLETED");
            assertThat(done.getInt("attempts")).isEqualTo(2);
            // Each child counted once: the resumed run went on from the checkpoints, it did not start again.
            assertThat(done.getInt("read")).isEqualTo(SCHOOL_CHILDREN_ANALYSED);
        }
        assertThat(http.post("/api/v1/admin/jobs/" + id + "/restart", "", admin).status())
                .as("a completed run is not restarted")
                .isEqualTo(409);
        // Whatever ran twice today, each child has one result of each kind for today.
        try (Connection db = SharedServer.ownerConnection();
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT child_id, kind, period, count(*) FROM analysis_result"
                        + " WHERE child_id IS NOT NULL GROUP BY 1, 2, 3 HAVING count(*) > 1")) {
            assertThat(rs.next()).as("a result stored twice").isFalse();
        }
    }

    @Test
    @Order(5)
    void aChildWithTwoDaysOfDataGetsInsufficientDataNeverANumber() throws Exception {
        // A school of its own, so that the demo school's counts stay as they are.
        String run = Long.toString(System.currentTimeMillis(), 36);
        School school = School.create(http, "Short Data School " + run, "short.admin." + run);
        String shortAdmin = school.admin();
        String cohort = school.cohort("Class S");
        school.user("short.parent." + run, "GUARDIAN");
        String child = school.child("Wren-" + run, 2016, cohort);
        school.link(child, "short.parent." + run);
        String parent = http.token("short.parent." + run, AccountsIT.PASSWORD);
        school.consent(child, parent, "collection", "analysis");
        Http.Reply paired = http.post(
                "/api/v1/devices/pair", AccountsIT.object(Map.of("childId", child, "label", "Short watch")), parent);
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        String device = paired.object().getString("deviceId");
        String deviceToken = paired.object().getString("deviceToken");
        // Two days of minutes up to an hour ago.
        java.time.Instant end = java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .minusSeconds(3600);
        List<java.time.Instant> minutes = new ArrayList<>();
        for (java.time.Instant t = end.minus(java.time.Duration.ofDays(2)); t.isBefore(end); t = t.plusSeconds(60)) {
            minutes.add(t);
        }
        for (int from = 0; from < minutes.size(); from += 1440) {
            Http.Reply up = http.post(
                    "/api/v1/ingest/batches",
                    DevicesIT.batch(
                            java.util.UUID.randomUUID().toString(),
                            device,
                            minutes.subList(from, Math.min(minutes.size(), from + 1440)),
                            null),
                    deviceToken);
            assertThat(up.status()).as(up.body()).isEqualTo(200);
        }

        for (String job : List.of("sleep-detection", "chronotype", "causal-effects", "forecast")) {
            Http.Reply started = http.post("/api/v1/admin/jobs/" + job, "", shortAdmin);
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            String id = started.object().getString("executionId");
            JsonObject done = null;
            for (int i = 0; i < 600; i++) {
                done = http.get("/api/v1/admin/jobs/" + id, shortAdmin).object();
                if (!active(done)) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(done.getString("status")).as(job + ": " + done).isEqualTo("COMPLETED");
            assertThat(done.getInt("written")).as(job).isEqualTo(1);
        }
        JsonObject chronotype = http.get("/api/v1/children/" + child + "/chronotype", shortAdmin)
                .object();
        assertThat(chronotype.getString("status")).as(chronotype.toString()).isEqualTo("insufficient_data");
        assertThat(chronotype.isNull("msfSc")).isTrue();
        assertThat(chronotype.getString("reason")).isNotBlank();
        for (String metric : List.of("stress", "sleep")) {
            JsonObject f = http.get("/api/v1/children/" + child + "/forecast?metric=" + metric, shortAdmin)
                    .object();
            assertThat(f.getString("status")).as(f.toString()).isEqualTo("insufficient_data");
            assertThat(f.containsKey("points"))
                    .as("no numbers without the data")
                    .isFalse();
            assertThat(f.getInt("required")).isGreaterThan(f.getInt("available"));
        }
        // No intervention was logged: nothing to estimate, and nothing made up.
        assertThat(http.get("/api/v1/children/" + child + "/causal-effects", shortAdmin)
                        .json()
                        .asJsonArray())
                .isEmpty();
    }

    @Test
    @Order(6)
    void theNightlyOnePassStoresWhatTheFourJobsStore() throws Exception {
        // The four jobs ran one by one in the first test, on the same data; now the nightly job, which reads each
        // child's minutes once for all four analyses.
        List<String> children = oakChildren().stream().limit(4).toList();
        Map<String, String> before = new HashMap<>();
        for (String child : children) {
            before.putAll(results(child));
        }
        String cohortsBefore = withoutComputedAt(
                http.get("/api/v1/cohorts/all/causal-effects", admin).json());
        // Their stored results go, so that every one found after the run was written by it.
        String in = children.stream().map(c -> "'" + c + "'").collect(java.util.stream.Collectors.joining(","));
        try (Connection db = SharedServer.ownerConnection();
                Statement st = db.createStatement()) {
            assertThat(st.executeUpdate("DELETE FROM analysis_result WHERE child_id IN (" + in + ")"))
                    .isGreaterThanOrEqualTo(children.size() * 6);
            assertThat(st.executeUpdate(
                            "DELETE FROM sleep_episode WHERE source = 'detected' AND child_id IN (" + in + ")"))
                    .isPositive();
        }

        // A forecast run stopped at once (stopped before its first chunk, or done: either way no longer active).
        Http.Reply forecastRun = http.post("/api/v1/admin/jobs/forecast", "", admin);
        assertThat(forecastRun.status()).as(forecastRun.body()).isEqualTo(202);
        String forecastId = forecastRun.object().getString("executionId");
        http.post("/api/v1/admin/jobs/" + forecastId + "/stop", "", admin);
        JsonObject forecastEnded = waitFor(forecastId, o -> !active(o));

        Http.Reply started = http.post("/api/v1/admin/jobs/analyses", "", admin);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        // It writes what sleep-detection and forecast write (detected episodes are replaced): they never run at once,
        // started or restarted.
        Http.Reply beside = http.post("/api/v1/admin/jobs/sleep-detection", "", admin);
        assertThat(beside.status()).as(beside.body()).isEqualTo(409);
        assertThat(beside.body()).contains("analyses");
        if (forecastEnded.getString("status").equals("STOPPED")) {
            Http.Reply restart = http.post("/api/v1/admin/jobs/" + forecastId + "/restart", "", admin);
            assertThat(restart.status()).as(restart.body()).isEqualTo(409);
        }
        JsonObject done = waitFor(started.object().getString("executionId"), o -> !active(o));
        java.nio.file.Files.write(
                java.nio.file.Path.of("target", "jobs-summary.txt"),
                List.of(summaryLine("analyses", done)),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(done.getString("status")).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.getInt("total")).isEqualTo(SCHOOL_CHILDREN_ANALYSED);
        assertThat(done.getInt("written")).isEqualTo(SCHOOL_CHILDREN_ANALYSED);
        assertThat(done.getInt("skipped")).isZero();
        try (Connection db = SharedServer.ownerConnection();
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT child_id, string_agg(DISTINCT kind, ',' ORDER BY kind)"
                        + " FROM analysis_result WHERE child_id IN (" + in + ") GROUP BY child_id")) {
            Map<String, String> kinds = new HashMap<>();
            while (rs.next()) {
                kinds.put(rs.getString(1), rs.getString(2));
            }
            assertThat(kinds)
                    .as("each child's results, stored again by the one pass")
                    .hasSize(children.size())
                    .allSatisfy((child, k) -> assertThat(k)
                            .isEqualTo("causal_effects,chronotype,daily_records,forecast_sleep,forecast_stress,sleep"));
        }
        Map<String, String> after = new HashMap<>();
        for (String child : children) {
            after.putAll(results(child));
        }
        assertThat(after).as("every result as the four jobs stored it").isEqualTo(before);
        assertThat(withoutComputedAt(
                        http.get("/api/v1/cohorts/all/causal-effects", admin).json()))
                .as("the school's pooled effects")
                .isEqualTo(cohortsBefore);
        assertThat(http.post("/api/v1/admin/jobs/analyses", "", counsellor).status())
                .isEqualTo(403);
    }

    /** A run's line in {@code target/jobs-summary.txt} (docs/BENCHMARKS.md quotes it). */
    static String summaryLine(String job, JsonObject done) {
        JsonObject t = done.getJsonObject("timings");
        return String.format(
                "%-17s %8d  %6.1f  %7d  %10d  %8d",
                job,
                done.getInt("read"),
                java.time.Duration.between(
                                        java.time.Instant.parse(done.getString("startedAt")),
                                        java.time.Instant.parse(done.getString("endedAt")))
                                .toMillis()
                        / 1000.0,
                t.getJsonNumber("readMs").longValue(),
                t.getJsonNumber("computeMs").longValue(),
                t.getJsonNumber("writeMs").longValue());
    }

    /** What the API shows of a child's analyses, by path, without the times they were computed. */
    static Map<String, String> results(String child) throws Exception {
        Map<String, String> out = new HashMap<>();
        String to = java.time.Instant.now().toString();
        String from =
                java.time.Instant.now().minus(java.time.Duration.ofDays(70)).toString();
        for (String path : List.of(
                "/chronotype",
                "/forecast?metric=stress&hours=24",
                "/forecast?metric=sleep",
                "/causal-effects",
                "/sleep-episodes?limit=500&from=" + from + "&to=" + to)) {
            Http.Reply r = http.get("/api/v1/children/" + child + path, admin);
            assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
            out.put(child + path.replaceAll("&from=.*", ""), withoutComputedAt(r.json()));
        }
        assertThat(out.get(child + "/chronotype")).contains("\"status\":\"ok\"");
        assertThat(out.get(child + "/sleep-episodes?limit=500")).contains("\"source\":\"detected\"");
        return out;
    }

    static String withoutComputedAt(jakarta.json.JsonValue v) {
        return switch (v.getValueType()) {
            case OBJECT -> {
                var b = jakarta.json.Json.createObjectBuilder();
                v.asJsonObject().forEach((k, x) -> {
                    if (!k.equals("computedAt")) {
                        b.add(
                                k,
                                jakarta.json.Json.createReader(new java.io.StringReader(withoutComputedAt(x)))
                                        .readValue());
                    }
                });
                yield b.build().toString();
            }
            case ARRAY -> {
                var b = jakarta.json.Json.createArrayBuilder();
                v.asJsonArray()
                        .forEach(x ->
                                b.add(jakarta.json.Json.createReader(new java.io.StringReader(withoutComputedAt(x)))
                                        .readValue()));
                yield b.build().toString();
            }
            default -> v.toString();
        };
    }

    static JsonObject runToTheEnd(String job, String token) throws Exception {
        Http.Reply started = http.post("/api/v1/admin/jobs/" + job, "", token);
        assertThat(started.status()).as(job + ": " + started.body()).isEqualTo(202);
        return waitFor(started.object().getString("executionId"), o -> !active(o));
    }

    static boolean active(JsonObject status) {
        return status.getString("status").matches("STARTING|STARTED|STOPPING");
    }

    static JsonObject waitFor(String id, java.util.function.Predicate<JsonObject> done) throws Exception {
        JsonObject status = null;
        for (int i = 0; i < 1200; i++) {
            Http.Reply r = http.get("/api/v1/admin/jobs/" + id, admin);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            status = r.object();
            double progress = status.getJsonNumber("progress").doubleValue();
            assertThat(progress).isFinite().isBetween(0.0, 1.0);
            if (done.test(status)) {
                return status;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the job did not get there in 5 minutes: " + status);
    }

    /** The UTC day the demo data was seeded (the launcher's end day), from the tenant rows it wrote. */
    static LocalDate seedingDay() throws Exception {
        try (Connection db = SharedServer.ownerConnection();
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT min(created_at) FROM tenant")) {
            rs.next();
            return rs.getTimestamp(1).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
    }

    static List<String> childrenWithAnalysis() throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonObject c :
                http.get("/api/v1/children", admin).json().asJsonArray().getValuesAs(JsonObject.class)) {
            if (!c.isNull("chronotype")) {
                out.add(c.getString("childId"));
            }
        }
        return out;
    }

    static List<String> oakChildren() throws Exception {
        return childrenOf(DemoDataGenerator.id("cohort:oak"), counsellor);
    }

    static List<String> childrenOf(String cohortId, String token) throws Exception {
        return http.get("/api/v1/children", token).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(c -> cohortId.equals(c.getString("cohortId", null)))
                .map(c -> c.getString("childId"))
                .toList();
    }

    static JsonObject cohortEffect(String cohortId, String intervention) throws Exception {
        Http.Reply r = http.get("/api/v1/cohorts/" + cohortId + "/causal-effects", admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("intervention").equals(intervention)
                        && e.getString("outcome").equals("evening_stress"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + intervention + " effect in " + r.body()));
    }

    static double clockHours(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) + Integer.parseInt(hhmm.substring(3)) / 60.0;
    }

    /** measured − truth in hours, on the 24-hour circle. */
    static double circularDifference(double measured, double truth) {
        double d = (measured - truth) % 24;
        if (d > 12) {
            d -= 24;
        } else if (d < -12) {
            d += 24;
        }
        return d;
    }
}

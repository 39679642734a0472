package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.zenmoon.analysis.recommend.DaySlot;
import org.zenmoon.analysis.recommend.Intervention;
import org.zenmoon.analysis.recommend.InterventionCatalogue;
import org.zenmoon.demo.DemoDataGenerator;

/**
 * Issue #14's loop through the API, as the school's families and its admin live it: each family asks for its child's
 * next recommendation and answers 👍 or 👎 by a preference the server does not know (these families like breathing
 * and mindfulness); every 10th answer starts the retraining; a new model version is evaluated offline, enters an A/B
 * test and is promoted once it is significantly better; the admin reads every step in the A/B report. A child
 * without model-training consent is served, and never a training record.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecommendationsIT {

    /** The hidden preference of every simulated family. */
    static final Set<String> LIKED_CATEGORIES = Set.of("breathing", "mindfulness");

    static final int MAX_ROUNDS = 15;

    static Http http;
    static String admin;
    /** Child id → the token of its guardian. */
    static final Map<String, String> families = new LinkedHashMap<>();
    /** Child id → its chronotype as the child's page shows it. */
    static final Map<String, String> chronotypes = new LinkedHashMap<>();

    static String withoutTrainingConsent;

    @BeforeAll
    static void families() throws Exception {
        http = new Http(SharedServer.get().baseUrl());
        admin = http.token("school.admin");
        // guardian.N has the (N-1)th child of the school; the demo parent has the first two.
        for (int n = 3; n <= 40; n++) {
            String token = http.token("guardian." + n);
            JsonObject child =
                    http.get("/api/v1/children", token).json().asJsonArray().getJsonObject(0);
            families.put(child.getString("childId"), token);
            chronotypes.put(
                    child.getString("childId"), child.isNull("chronotype") ? "unknown" : child.getString("chronotype"));
            if (n - 1 == DemoDataGenerator.NO_ANALYSIS_CONSENT) {
                withoutTrainingConsent = child.getString("childId");
            }
        }
        assertThat(withoutTrainingConsent).isNotNull();
        // The chronotype job puts each child's chronotype on the child, where the recommender reads it.
        JsonObject chronotype = runToTheEnd("chronotype");
        assertThat(chronotype.getString("status")).as(chronotype.toString()).isEqualTo("COMPLETED");
        for (String child : families.keySet()) {
            JsonObject summary =
                    http.get("/api/v1/children/" + child, families.get(child)).object();
            chronotypes.put(child, summary.isNull("chronotype") ? "unknown" : summary.getString("chronotype"));
        }
    }

    @Test
    @Order(1)
    void aRecommendationCarriesWhyModelVersionAndArm() throws Exception {
        for (var family : families.entrySet()) {
            Http.Reply r = http.get("/api/v1/children/" + family.getKey() + "/recommendations/next", family.getValue());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonObject rec = r.object();
            assertThat(rec.getString("recommendationId")).isNotBlank();
            assertThat(InterventionCatalogue.bundled().byId(rec.getString("intervention")))
                    .isPresent();
            assertThat(rec.getString("text")).isNotBlank();
            assertThat(rec.getJsonArray("why")).as(rec.toString()).isNotEmpty();
            assertThat(rec.getString("modelVersion")).isNotBlank();
            assertThat(rec.getString("arm")).isIn("control", "candidate");
            assertThat(Instant.parse(rec.getString("scheduledFor")))
                    .isAfter(Instant.now().minusSeconds(60));
            // Asking again before answering shows the same recommendation: a refresh does not reshuffle.
            assertThat(http.get("/api/v1/children/" + family.getKey() + "/recommendations/next", family.getValue())
                            .object()
                            .getString("recommendationId"))
                    .isEqualTo(rec.getString("recommendationId"));
        }
    }

    @Test
    @Order(2)
    void feedbackIsCheckedAndWalledOff() throws Exception {
        List<String> children = new ArrayList<>(families.keySet());
        String child = children.get(0);
        String token = families.get(child);
        String other = families.get(children.get(1));
        String id = http.get("/api/v1/children/" + child + "/recommendations/next", token)
                .object()
                .getString("recommendationId");
        String path = "/api/v1/recommendations/" + id + "/feedback";

        Http.Reply wrongType = http.post(path, "{\"helpful\":\"yes\"}", token);
        assertThat(wrongType.status()).as(wrongType.body()).isEqualTo(400);
        assertThat(http.post(path, "[true]", token).status()).isEqualTo(400);
        Http.Reply control = http.post(path, "{\"helpful\":true,\"comment\":\"a\\u0000b\"}", token);
        assertThat(control.status()).as(control.body()).isEqualTo(400);
        assertThat(control.body()).contains("comment");
        assertThat(http.post(path, "helpful", token).status()).isEqualTo(400);
        Http.Reply unknown = http.post(path, "{\"helpful\":true,\"stars\":5}", token);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("stars");
        Http.Reply missing = http.post(path, "{\"comment\":\"x\"}", token);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("helpful");
        assertThat(http.post(path, "{\"helpful\":true}", other).status())
                .as("another family's recommendation does not exist for this guardian")
                .isEqualTo(404);
        assertThat(http.post(path, "{\"helpful\":true}", http.token("counsellor"))
                        .status())
                .as("only guardians answer: their answer is the model's reward")
                .isEqualTo(403);
        assertThat(http.post("/api/v1/recommendations/no-such-id/feedback", "{\"helpful\":true}", token)
                        .status())
                .isEqualTo(404);

        Http.Reply first = http.post(path, "{\"helpful\":false}", token);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.object().getBoolean("replaced")).isFalse();
        Http.Reply second = http.post(path, "{\"helpful\":true,\"comment\":\"we tried it twice\"}", token);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.object().getBoolean("replaced")).isTrue();
        JsonObject stored = http.get("/api/v1/children/" + child + "/recommendations?limit=5", token)
                .json()
                .asJsonArray()
                .getJsonObject(0);
        assertThat(stored.getString("recommendationId")).isEqualTo(id);
        assertThat(stored.getBoolean("helpful")).isTrue();
        assertThat(stored.getString("comment")).isEqualTo("we tried it twice");
    }

    @Test
    @Order(3)
    void parentsFeedbackRetrainsTheModelWhichIsEvaluatedOfflineTestedAndPromoted() throws Exception {
        List<Double> rates = new ArrayList<>();
        boolean promoted = false;
        for (int round = 0; round < MAX_ROUNDS && !promoted; round++) {
            rates.add(round());
            waitForRetrainings();
            promoted = history().stream().anyMatch(s -> s.getString("kind").equals("promoted"));
        }
        double after = round();
        JsonObject report = abReport();
        List<String> kinds = history().stream().map(s -> s.getString("kind")).toList();
        assertThat(promoted)
                .as("rounds' 👍 rates " + rates + ", history " + kinds)
                .isTrue();
        // Newest first: the promotion came after its A/B start, which came after a training.
        int promotion = kinds.indexOf("promoted");
        assertThat(kinds.subList(promotion, kinds.size())).contains("ab_started", "trained", "cold_start");

        JsonObject active = report.getJsonArray("versions").getValuesAs(JsonObject.class).stream()
                .filter(v -> v.getString("status").equals("active"))
                .findFirst()
                .orElseThrow();
        assertThat(active.getInt("version")).isGreaterThan(1);
        JsonObject metrics = active.getJsonObject("metrics");
        assertThat(metrics.getBoolean("notWorse")).isTrue();
        assertThat(metrics.getInt("heldOutRecords")).isPositive();
        double dr = metrics.getJsonObject("candidate").getJsonNumber("dr").doubleValue();
        assertThat(Double.isFinite(dr)).isTrue();

        JsonObject promotedStep = history().stream()
                .filter(s -> s.getString("kind").equals("promoted"))
                .findFirst()
                .orElseThrow();
        JsonObject detail = promotedStep.getJsonObject("detail");
        double p = detail.getJsonNumber("pValue").doubleValue();
        assertThat(Double.isFinite(p)).isTrue();
        assertThat(p).isLessThan(0.05);
        JsonObject tested = detail.getJsonObject("candidate");
        JsonObject control = detail.getJsonObject("control");
        assertThat((double) tested.getInt("helpful") / tested.getInt("answered"))
                .isGreaterThan((double) control.getInt("helpful") / control.getInt("answered"));

        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
        java.nio.file.Files.write(
                java.nio.file.Path.of("target", "recommendations-summary.txt"),
                List.of(
                        "families: " + families.size() + " (they like " + LIKED_CATEGORIES + ")",
                        "👍 rate per round until the promotion: " + rates,
                        "👍 rate in the round after it: " + after,
                        "promoted: v" + active.getInt("version") + ", p = " + p + ", candidate "
                                + tested.getInt("helpful") + "/" + tested.getInt("answered") + " vs control "
                                + control.getInt("helpful") + "/" + control.getInt("answered"),
                        "offline: DR " + dr + " vs "
                                + metrics.getJsonObject("current").get("dr") + " on " + metrics.getInt("heldOutRecords")
                                + " held-out answers",
                        "history (newest first): " + kinds));
        // The cold start explores uniformly (about 4 liked interventions in 22); the promoted model exploits.
        assertThat(rates.get(0)).as("cold start 👍 rate").isLessThan(0.4);
        assertThat(after)
                .as("👍 rate in the round after the promotion (before: " + rates + ")")
                .isGreaterThan(0.5);

        List<JsonObject> runs =
                http
                        .get("/api/v1/admin/jobs?limit=200", admin)
                        .json()
                        .asJsonArray()
                        .getValuesAs(JsonObject.class)
                        .stream()
                        .filter(r -> r.getString("jobName").equals("retrain-recommender"))
                        .toList();
        assertThat(runs).isNotEmpty();
        assertThat(runs).allSatisfy(r -> assertThat(r.getString("trigger")).isEqualTo("feedback"));
        assertThat(runs).allSatisfy(r -> assertThat(r.getString("status")).isEqualTo("COMPLETED"));
    }

    @Test
    @Order(4)
    void aChildWithoutTrainingConsentIsServedButNeverTrainedOn() throws Exception {
        String token = families.get(withoutTrainingConsent);
        List<JsonObject> own = http.get(
                        "/api/v1/children/" + withoutTrainingConsent + "/recommendations?limit=200", token)
                .json()
                .asJsonArray()
                .getValuesAs(JsonObject.class);
        assertThat(own.stream().filter(r -> !r.isNull("helpful")).count())
                .as("the family answered")
                .isPositive();

        JsonObject done = runToTheEnd("retrain-recommender");
        assertThat(done.getString("status")).as(done.toString()).isEqualTo("COMPLETED");
        Matcher m = Pattern.compile("(\\d+) training records").matcher(done.getString("exitStatus"));
        assertThat(m.find()).as(done.getString("exitStatus")).isTrue();
        long trainedOn = Long.parseLong(m.group(1));

        long answered;
        try (Connection c = SharedServer.ownerConnection();
                Statement s = c.createStatement()) {
            answered = count(
                    s,
                    "SELECT count(*) FROM recommendation_feedback WHERE tenant_id = '" + DemoDataGenerator.SCHOOL_TENANT
                            + "'");
        }
        long answeredWithoutConsent = http
                .get("/api/v1/children/" + withoutTrainingConsent + "/recommendations?limit=200", token)
                .json()
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(r -> !r.isNull("helpful"))
                .count();
        // Every other child of the school that was answered has model-training consent in the demo.
        assertThat(trainedOn).isEqualTo(answered - answeredWithoutConsent);

        // The same answers as preference pairs for fine-tuning a phrasing model: JSONL, no child named.
        Http.Reply pairs = http.get("/api/v1/admin/recommender/preference-pairs", admin);
        assertThat(pairs.status()).as(pairs.body()).isEqualTo(200);
        List<String> lines = pairs.body().lines().toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonObject pair = jakarta.json.Json.createReader(new java.io.StringReader(line))
                    .readObject();
            assertThat(pair.getString("prompt")).startsWith("Suggest one short activity");
            assertThat(pair.getString("chosen")).isNotBlank().isNotEqualTo(pair.getString("rejected"));
            assertThat(line).doesNotContain(withoutTrainingConsent);
            for (String child : families.keySet()) {
                assertThat(line).doesNotContain(child);
            }
        }
        assertThat(http.get("/api/v1/admin/recommender/preference-pairs", families.get(withoutTrainingConsent))
                        .status())
                .isEqualTo(403);
    }

    @Test
    @Order(5)
    void eachRecommendationIsTimedByTheChildsChronotype() throws Exception {
        int owls = 0;
        int larks = 0;
        int remembered = 0;
        for (var family : families.entrySet()) {
            String chronotype = chronotypes.get(family.getKey());
            for (JsonObject rec : http.get(
                            "/api/v1/children/" + family.getKey() + "/recommendations?limit=200", family.getValue())
                    .json()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class)) {
                remembered += rec.getJsonArray("why").getValuesAs(jakarta.json.JsonString.class).stream()
                                .anyMatch(w -> w.getString().startsWith("Last time in a similar situation"))
                        ? 1
                        : 0;
                Instant at = Instant.parse(rec.getString("scheduledFor"));
                assertThat(at).as("never in the past").isAfterOrEqualTo(Instant.parse(rec.getString("createdAt")));
                int hour = at.atZone(ZoneOffset.UTC).getHour();
                Intervention what = InterventionCatalogue.bundled()
                        .byId(rec.getString("intervention"))
                        .orElseThrow();
                // What suits the evening is an evening thing for a night owl; what suits the morning is a morning
                // thing for an early bird.
                if (chronotype.equals("night_owl")
                        && (what.slots().contains(DaySlot.EVENING)
                                || what.slots().contains(DaySlot.BEDTIME))) {
                    owls++;
                    assertThat(hour).as("a night owl's " + rec).isBetween(17, 22);
                }
                // An early bird gets the earliest part of the day the intervention suits: the morning, else the
                // afternoon (after school on a school day).
                if (chronotype.equals("early_bird") && what.slots().contains(DaySlot.MORNING)) {
                    larks++;
                    assertThat(hour).as("an early bird's " + rec).isBetween(6, 11);
                } else if (chronotype.equals("early_bird") && what.slots().contains(DaySlot.AFTERNOON)) {
                    larks++;
                    assertThat(hour).as("an early bird's " + rec).isBetween(12, 16);
                }
            }
        }
        // The school's children are 9 to 13: the demo plants early birds and intermediates among them, and night owls
        // mostly among the clinic's teenagers.
        if (chronotypes.containsValue("night_owl")) {
            assertThat(owls).as("night owls got evening recommendations").isPositive();
        }
        assertThat(larks)
                .as("early birds got recommendations for the morning or afternoon, " + chronotypes.values())
                .isPositive();
        String stored;
        try (Connection c = SharedServer.ownerConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE helpful),"
                        + " count(DISTINCT situation), min(situation) FROM situation_vector")) {
            rs.next();
            stored = rs.getLong(1) + " situations stored, " + rs.getLong(2) + " helpful, " + rs.getLong(3)
                    + " distinct texts, e.g. " + rs.getString(4);
        }
        assertThat(remembered)
                .as("recommendations whose why recalls the child's own similar situation that got a 👍 (" + stored
                        + ")")
                .isPositive();
    }

    /** Every family asks for its child's next recommendation and answers it; the share of 👍. */
    static double round() throws Exception {
        int liked = 0;
        for (var family : families.entrySet()) {
            JsonObject rec = http.get(
                            "/api/v1/children/" + family.getKey() + "/recommendations/next", family.getValue())
                    .object();
            boolean helpful = LIKED_CATEGORIES.contains(InterventionCatalogue.bundled()
                    .byId(rec.getString("intervention"))
                    .orElseThrow()
                    .category());
            liked += helpful ? 1 : 0;
            Http.Reply answer = http.post(
                    "/api/v1/recommendations/" + rec.getString("recommendationId") + "/feedback",
                    "{\"helpful\":" + helpful + "}",
                    family.getValue());
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        }
        return (double) liked / families.size();
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static JsonObject abReport() throws Exception {
        Http.Reply r = http.get("/api/v1/admin/ab-report?history=500", admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.object();
    }

    static List<JsonObject> history() throws Exception {
        return abReport().getJsonArray("history").getValuesAs(JsonObject.class);
    }

    /** Starts a job (after any run of it still going) and waits for its end. */
    static JsonObject runToTheEnd(String job) throws Exception {
        return Jobs.runToTheEnd(http, job, admin);
    }

    /** Waits until no retraining runs, so that each round meets the model the last answers trained. */
    static void waitForRetrainings() throws Exception {
        for (int i = 0; i < 600; i++) {
            boolean running = http
                    .get("/api/v1/admin/jobs?limit=20", admin)
                    .json()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class)
                    .stream()
                    .anyMatch(r -> r.getString("jobName").equals("retrain-recommender") && JobsIT.active(r));
            if (!running) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("a retraining did not end within two minutes");
    }
}

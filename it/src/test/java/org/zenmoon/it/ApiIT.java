package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zenmoon.demo.DemoDataGenerator;

/** Health, tokens and the children API with its tenant wall and guardian scope, over HTTP. */
class ApiIT {

    static Http http;

    @BeforeAll
    static void server() throws Exception {
        http = new Http(SharedServer.get().baseUrl());
    }

    @Test
    void readinessReportsDatabaseAndSchema() throws Exception {
        Http.Reply ready = http.get("/health/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        JsonObject body = ready.object();
        assertThat(body.getString("status")).isEqualTo("UP");
        JsonObject db = body.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("database"))
                .findFirst()
                .orElseThrow();
        assertThat(db.getJsonObject("data").getString("appliedSchemaVersion"))
                .isEqualTo(db.getJsonObject("data").getString("expectedSchemaVersion"));
        assertThat(http.get("/health/live", null).status()).isEqualTo(200);
    }

    @Test
    void tokenCarriesRolesAndWrongPasswordIsRefused() throws Exception {
        Http.Reply ok = http.login("clinician", "demo");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.object().getJsonArray("roles").getString(0)).isEqualTo("CLINICIAN");
        assertThat(ok.object().getInt("expiresIn")).isPositive();
        assertThat(ok.object().getString("accessToken").split("\\.")).hasSize(3);

        Http.Reply wrong = http.login("clinician", "not-the-password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.object().getInt("status")).isEqualTo(401);

        Http.Reply invalid = http.post("/api/v1/auth/token", "{\"password\":\"x\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.object().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("username");
    }

    @Test
    void repeatedFailuresAreThrottled() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(http.login("guardian.3", "guess-" + i).status()).isEqualTo(401);
        }
        Http.Reply throttled = http.login("guardian.3", "demo");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.object().getString("title")).isEqualTo("Too Many Requests");
        // The guesses locked out the guessing address, not the user: their own machine still logs in.
        assertThat(http.loginFrom("127.0.0.2", "guardian.3", "demo"))
                .as("the same user from another address")
                .isEqualTo(200);
    }

    @Test
    void oneAddressCannotTryManyUserNames() throws Exception {
        String address = "127.0.0.3";
        for (int i = 0; i < 20; i++) {
            assertThat(http.loginFrom(address, "nobody." + i, "guess"))
                    .as("user %d", i)
                    .isEqualTo(401);
        }
        assertThat(http.loginFrom(address, "parent", "demo"))
                .as("a real user with the right password, from the address that tried 20 names")
                .isEqualTo(429);
        assertThat(http.loginFrom("127.0.0.4", "parent", "demo")).isEqualTo(200);
    }

    @Test
    void malformedJsonIsABadRequestNotAServerError() throws Exception {
        Http.Reply r = http.post("/api/v1/auth/token", "{\"username\": \"counsellor\", ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void apiCallsOpenNoSessionThatCouldOutliveTheToken() throws Exception {
        Http.Reply r = http.get("/api/v1/children", http.token("counsellor"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.cookies()).as("Set-Cookie on an API answer").isEmpty();
    }

    @Test
    void everyApiCallNeedsAValidToken() throws Exception {
        Http.Reply none = http.get("/api/v1/children", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        String token = http.token("counsellor");
        String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(http.get("/api/v1/children", forged).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/children", "not.a.token").status()).isEqualTo(401);
    }

    @Test
    void staffSeeOnlyTheirTenantsChildren() throws Exception {
        JsonArray school =
                http.get("/api/v1/children", http.token("counsellor")).json().asJsonArray();
        JsonArray clinic =
                http.get("/api/v1/children", http.token("clinician")).json().asJsonArray();
        assertThat(school).hasSize(30);
        assertThat(clinic).hasSize(12);
        assertThat(cohortNames(school)).containsOnly("Year 5 Oak", "Year 8 Birch");
        assertThat(cohortNames(clinic)).containsOnly("Sleep panel");
        JsonObject first = school.getJsonObject(0);
        assertThat(first.keySet()).contains("childId", "pseudonym", "cohortId", "birthYear", "chronotype");

        // The school admin sees the whole school, including Year 6 Willow, which the counsellor does not look after.
        JsonArray wholeSchool =
                http.get("/api/v1/children", http.token("school.admin")).json().asJsonArray();
        assertThat(wholeSchool).hasSize(40);
        assertThat(cohortNames(wholeSchool)).containsOnly("Year 5 Oak", "Year 6 Willow", "Year 8 Birch");
        assertThat(ids(wholeSchool)).containsAll(ids(school));
    }

    @Test
    void aChildOfAClassTheCounsellorIsNotAssignedToAnswers404() throws Exception {
        String admin = http.token("school.admin");
        String counsellor = http.token("counsellor");
        String willowChild =
                http.get("/api/v1/children", admin).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                        .filter(c -> c.getString("cohortName").equals("Year 6 Willow"))
                        .findFirst()
                        .orElseThrow()
                        .getString("childId");
        assertThat(http.get("/api/v1/children/" + willowChild, admin).status()).isEqualTo(200);
        Http.Reply walled = http.get("/api/v1/children/" + willowChild, counsellor);
        assertThat(walled.status()).isEqualTo(404);
        assertThat(walled.object().getString("detail")).isEqualTo("Child not found");
        assertThat(http.get("/api/v1/children/" + willowChild + "/chronotype", counsellor)
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/children/" + willowChild + "/consents", counsellor)
                        .status())
                .isEqualTo(404);
        List<String> counsellorsCohorts =
                http.get("/api/v1/cohorts", counsellor).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                        .map(c -> c.getString("name"))
                        .toList();
        assertThat(counsellorsCohorts).containsExactly("Year 5 Oak", "Year 8 Birch");
    }

    @Test
    void anotherTenantsChildAnswers404() throws Exception {
        String counsellor = http.token("counsellor");
        String clinicChild = http.get("/api/v1/children", http.token("clinician"))
                .json()
                .asJsonArray()
                .getJsonObject(0)
                .getString("childId");
        String schoolChild = http.get("/api/v1/children", counsellor)
                .json()
                .asJsonArray()
                .getJsonObject(0)
                .getString("childId");

        assertThat(http.get("/api/v1/children/" + schoolChild, counsellor).status())
                .isEqualTo(200);
        Http.Reply walled = http.get("/api/v1/children/" + clinicChild, counsellor);
        assertThat(walled.status()).isEqualTo(404);
        assertThat(walled.object().getString("title")).isEqualTo("Not Found");
        assertThat(http.get("/api/v1/children/no-such-child", counsellor).status())
                .isEqualTo(404);
        // An id longer than any child's (the audit still records the attempt, clipped) is not found either.
        assertThat(http.get("/api/v1/children/" + "x".repeat(60), counsellor).status())
                .isEqualTo(404);
    }

    @Test
    void guardianSeesOnlyLinkedChildren() throws Exception {
        String parent = http.token("parent");
        JsonArray mine = http.get("/api/v1/children", parent).json().asJsonArray();
        assertThat(mine).hasSize(2);
        for (JsonValue v : mine) {
            String id = v.asJsonObject().getString("childId");
            assertThat(http.get("/api/v1/children/" + id, parent).status()).isEqualTo(200);
        }
        List<String> linked = mine.getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("childId"))
                .toList();
        String classmate = http
                .get("/api/v1/children", http.token("counsellor"))
                .json()
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .map(o -> o.getString("childId"))
                .filter(id -> !linked.contains(id))
                .findFirst()
                .orElseThrow();
        assertThat(http.get("/api/v1/children/" + classmate, parent).status()).isEqualTo(404);
    }

    @Test
    void readsOfAChildAreAuditedWithTheirOutcome() throws Exception {
        String counsellor = http.token("counsellor");
        String schoolChild = http.get("/api/v1/children", counsellor)
                .json()
                .asJsonArray()
                .getJsonObject(1)
                .getString("childId");
        String clinicChild = http.get("/api/v1/children", http.token("clinician"))
                .json()
                .asJsonArray()
                .getJsonObject(1)
                .getString("childId");
        assertThat(http.get("/api/v1/children/" + schoolChild, counsellor).status())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/children/" + clinicChild, counsellor).status())
                .isEqualTo(404);

        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement q = db.prepareStatement("SELECT a.outcome, a.tenant_id FROM audit_event a "
                        + "JOIN app_user u ON u.id = a.actor_id WHERE u.username = 'counsellor' AND a.child_id = ? "
                        + "AND a.resource = 'ChildDirectory.find' ORDER BY a.id DESC LIMIT 1")) {
            q.setString(1, schoolChild);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("audit event of the read").isTrue();
                assertThat(rs.getString(1)).isEqualTo("ok");
            }
            q.setString(1, clinicChild);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("audit event of the refused read").isTrue();
                assertThat(rs.getString(1)).isEqualTo("not_found");
                // Recorded in the caller's tenant: the clinic learns nothing about the school's attempt.
                assertThat(rs.getString(2)).isNotEqualTo(clinicTenantOf(db, clinicChild));
            }
        }
    }

    private static String clinicTenantOf(Connection db, String childId) throws Exception {
        try (PreparedStatement q = db.prepareStatement("SELECT tenant_id FROM child WHERE id = ?")) {
            q.setString(1, childId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void chronotypeIsComputedFromTheChildsOwnSleep() throws Exception {
        String counsellor = http.token("counsellor");
        JsonArray children = http.get("/api/v1/children", counsellor).json().asJsonArray();
        String child = children.getJsonObject(2).getString("childId");
        Http.Reply r = http.get("/api/v1/children/" + child + "/chronotype", counsellor);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject c = r.object();
        assertThat(c.getString("status")).isEqualTo("ok");
        assertThat(c.getString("msfSc")).matches("\\d{2}:\\d{2}");
        assertThat(c.getString("category")).isIn("early_bird", "intermediate", "night_owl");
        assertThat(c.getInt("nights")).isGreaterThanOrEqualTo(14);
        assertThat(c.getInt("freeNights")).isGreaterThanOrEqualTo(4);
        assertThat(c.getString("sleepDurationFreeDays")).startsWith("PT");
        // The demo children sleep in on free days, so their mid-sleep is later than on school days.
        assertThat(c.getJsonNumber("socialJetlagMinutes").longValue()).isPositive();

        String clinicChild = http.get("/api/v1/children", http.token("clinician"))
                .json()
                .asJsonArray()
                .getJsonObject(0)
                .getString("childId");
        assertThat(http.get("/api/v1/children/" + clinicChild + "/chronotype", counsellor)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theChronotypeJobStoresEveryChildsCategoryForThePortal() throws Exception {
        String admin = http.token("school.admin");
        Http.Reply started = http.post("/api/v1/admin/jobs/chronotype", "", admin);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.object().getString("executionId");

        JsonObject status = null;
        for (int i = 0; i < 240; i++) {
            status = http.get("/api/v1/admin/jobs/" + id, admin).object();
            if (!status.getString("status").matches("STARTING|STARTED")) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(status.getString("status")).as(status.toString()).isEqualTo("COMPLETED");
        assertThat(status.getJsonNumber("progress").doubleValue()).isEqualTo(1.0);

        // Every child with analysis consent has a category; the two whose guardians hold analysis back (one never
        // agreed, one withdrew) were left out of the job.
        JsonArray school = http.get("/api/v1/children", admin).json().asJsonArray();
        List<JsonObject> analysed = new java.util.ArrayList<>();
        List<JsonObject> leftOut = new java.util.ArrayList<>();
        for (JsonObject c : school.getValuesAs(JsonObject.class)) {
            (analysisConsented(c.getString("childId"), admin) ? analysed : leftOut).add(c);
        }
        assertThat(leftOut)
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.isNull("chronotype")).isTrue());
        assertThat(analysed)
                .hasSize(38)
                .allSatisfy(c -> assertThat(c.getString("chronotype")).isIn("early_bird", "intermediate", "night_owl"));
        // The other tenant's children were not touched, and its admin cannot see this execution.
        String clinicAdmin = http.token("clinic.admin");
        assertThat(http.get("/api/v1/children", clinicAdmin)
                        .json()
                        .asJsonArray()
                        .getValuesAs(JsonObject.class))
                .allSatisfy(c -> assertThat(c.isNull("chronotype")).isTrue());
        assertThat(http.get("/api/v1/admin/jobs/" + id, clinicAdmin).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/admin/jobs/defragment", "", admin).status())
                .isEqualTo(404);
        assertThat(http.post("/api/v1/admin/jobs/chronotype", "", http.token("counsellor"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theCohortSummaryShowsRealFiguresForTheCounsellorsOwnClassOnly() throws Exception {
        String counsellor = http.token("counsellor");
        String oak = http.get("/api/v1/cohorts", counsellor).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("Year 5 Oak"))
                .findFirst()
                .orElseThrow()
                .getString("cohortId");
        List<JsonObject> oakChildren =
                http.get("/api/v1/children", counsellor).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                        .filter(c -> c.getString("cohortName").equals("Year 5 Oak"))
                        .toList();
        Set<String> withAnalysisConsent = new HashSet<>();
        for (JsonObject c : oakChildren) {
            if (analysisConsented(c.getString("childId"), counsellor)) {
                withAnalysisConsent.add(c.getString("childId"));
            }
        }

        http.get("/api/v1/cohorts/" + oak + "/summary", counsellor);
        long started = System.nanoTime();
        Http.Reply r = http.get("/api/v1/cohorts/" + oak + "/summary", counsellor);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(took)
                .as("the summary of a class of 15 over 35 days of minutes")
                .isLessThan(Duration.ofSeconds(5));
        System.out.println("Cohort summary of Year 5 Oak answered in " + took.toMillis() + " ms");
        JsonObject s = r.object();
        assertThat(s.keySet())
                .containsExactlyInAnyOrder(
                        "cohortId",
                        "name",
                        "children",
                        "analysedChildren",
                        "leftOutForConsent",
                        "computedAt",
                        "window",
                        "usualWindow",
                        "sleep",
                        "stress",
                        "chronotypeMix",
                        "atRisk");
        assertThat(s.getString("cohortId")).isEqualTo(oak);
        assertThat(s.getString("name")).isEqualTo("Year 5 Oak");
        assertThat(s.getInt("children")).isEqualTo(15);
        // One guardian never agreed to analysis and one withdrew it: those two are left out of every figure.
        assertThat(withAnalysisConsent).hasSize(13);
        assertThat(s.getInt("analysedChildren")).isEqualTo(13);
        assertThat(s.getInt("leftOutForConsent")).isEqualTo(2);
        assertThat(Duration.between(Instant.parse(s.getString("computedAt")), Instant.now())
                        .abs())
                .isLessThan(Duration.ofMinutes(5));
        JsonObject window = s.getJsonObject("window");
        assertThat(window.getInt("days")).isEqualTo(7);
        assertThat(Duration.between(Instant.parse(window.getString("from")), Instant.parse(window.getString("to"))))
                .isEqualTo(Duration.ofDays(7));
        assertThat(s.getJsonObject("usualWindow").getString("to")).isEqualTo(window.getString("from"));

        // The demo children wear their watches nearly all week: both figures are real numbers from real nights.
        JsonObject sleep = s.getJsonObject("sleep");
        assertThat(sleep.getString("status")).as(sleep.toString()).isEqualTo("ok");
        double hours = sleep.getJsonNumber("meanHours").doubleValue();
        assertThat(hours).isFinite().isBetween(6.0, 13.0);
        assertThat(sleep.getInt("childrenWithData")).isBetween(3, 13);
        assertThat(sleep.getInt("nights")).isBetween(3 * sleep.getInt("childrenWithData"), 7 * 13);
        JsonObject stress = s.getJsonObject("stress");
        assertThat(stress.getString("status")).as(stress.toString()).isEqualTo("ok");
        assertThat(stress.getJsonNumber("mean").doubleValue()).isFinite().isStrictlyBetween(0.0, 1.0);
        assertThat(stress.getInt("childrenWithData")).isBetween(3, 13);
        assertThat(stress.getInt("days")).isBetween(3 * stress.getInt("childrenWithData"), 7 * 13);

        JsonObject mix = s.getJsonObject("chronotypeMix");
        assertThat(mix.keySet()).containsExactlyInAnyOrder("early_bird", "intermediate", "night_owl", "unknown");
        assertThat(mix.values().stream()
                        .mapToInt(v -> ((jakarta.json.JsonNumber) v).intValue())
                        .sum())
                .isEqualTo(15);
        assertThat(mix.getInt("unknown"))
                .as("at least the two without analysis consent")
                .isGreaterThanOrEqualTo(2);

        JsonObject atRisk = s.getJsonObject("atRisk");
        assertThat(atRisk.getString("rule")).contains("28 days", "0.10", "1 hour", "half");
        assertThat(atRisk.getInt("assessed")).isEqualTo(13);
        List<JsonObject> flagged = atRisk.getJsonArray("children").getValuesAs(JsonObject.class);
        assertThat(atRisk.getInt("count")).isEqualTo(flagged.size());
        assertThat(flagged).allSatisfy(c -> {
            assertThat(withAnalysisConsent).contains(c.getString("childId"));
            assertThat(c.getJsonArray("reasons").getValuesAs(jakarta.json.JsonString.class))
                    .isNotEmpty()
                    .allSatisfy(reason ->
                            assertThat(reason.getString()).isIn("sustained_stress", "sleep_debt", "missed_wear"));
        });

        // Willow is not the counsellor's class: it does not exist for them, as its children do not. The school's
        // admin sees it; a guardian reads no cohort summary; the clinic knows nothing of the school's classes.
        Http.Reply walled = http.get("/api/v1/cohorts/" + DemoDataGenerator.WILLOW + "/summary", counsellor);
        assertThat(walled.status()).isEqualTo(404);
        assertThat(walled.object().getString("detail")).isEqualTo("Cohort not found");
        Http.Reply willow =
                http.get("/api/v1/cohorts/" + DemoDataGenerator.WILLOW + "/summary", http.token("school.admin"));
        assertThat(willow.status()).as(willow.body()).isEqualTo(200);
        assertThat(willow.object().getInt("children")).isEqualTo(DemoDataGenerator.WILLOW_CHILDREN);
        assertThat(http.get("/api/v1/cohorts/" + oak + "/summary", http.token("parent"))
                        .status())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/cohorts/" + oak + "/summary", http.token("clinician"))
                        .status())
                .isEqualTo(404);

        // The read is audited under the cohort, and so is the refused one.
        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement q = db.prepareStatement("SELECT a.outcome, count(*) FROM audit_event a "
                        + "JOIN app_user u ON u.id = a.actor_id WHERE u.username = 'counsellor' AND a.resource = ? "
                        + "GROUP BY a.outcome")) {
            q.setString(1, "CohortOverview.summary cohort " + oak);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("audit of the summary").isTrue();
                assertThat(rs.getString(1)).isEqualTo("ok");
                assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(2);
            }
            q.setString(1, "CohortOverview.summary cohort " + DemoDataGenerator.WILLOW);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("audit of the refused summary").isTrue();
                assertThat(rs.getString(1)).isEqualTo("not_found");
            }
        }
    }

    @Test
    void theDemoSeedingLeavesPlannerStatisticsForTheMinutesAndTheirSums() throws Exception {
        // Only a manual ANALYZE sets last_analyze (autovacuum sets last_autoanalyze): the seeding ran it, so the first
        // dashboards and jobs do not read 4 million fresh rows by plans made for empty tables.
        try (Connection db = SharedServer.ownerConnection();
                // The sums, and the month partition of 40 days ago, which the demo's 60 days always fill.
                PreparedStatement q = db.prepareStatement("SELECT relname, last_analyze IS NOT NULL"
                        + " FROM pg_stat_user_tables WHERE relname IN ('epoch_bin', 'epoch_'"
                        + " || to_char((now() - interval '40 days') AT TIME ZONE 'UTC', 'YYYY_MM'))"
                        + " ORDER BY relname");
                ResultSet rs = q.executeQuery()) {
            List<String> analysed = new ArrayList<>();
            int tables = 0;
            while (rs.next()) {
                tables++;
                if (rs.getBoolean(2)) {
                    analysed.add(rs.getString(1));
                }
            }
            assertThat(tables).as("the sums and one month of minutes").isEqualTo(2);
            assertThat(analysed).as("analysed by the seeding").hasSize(2);
        }
    }

    @Test
    void platformAdminReachesNoChildData() throws Exception {
        assertThat(http.get("/api/v1/children", http.token("admin")).status()).isEqualTo(403);
    }

    @Test
    void openApiDescribesTheApi() throws Exception {
        Http.Reply openapi = http.get("/openapi", null);
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/v1/children/{childId}", "/api/v1/auth/token");
    }

    private static boolean analysisConsented(String childId, String token) throws Exception {
        Http.Reply r = http.get("/api/v1/children/" + childId + "/consents", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(k -> k.getString("scope").equals("analysis"))
                .findFirst()
                .orElseThrow()
                .getBoolean("active");
    }

    private static List<String> ids(JsonArray children) {
        return children.getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("childId"))
                .toList();
    }

    private static List<String> cohortNames(JsonArray children) {
        return children.getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("cohortName"))
                .distinct()
                .toList();
    }
}

package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A new school set up through the API alone, as docs/ACCOUNTS.md shows it: the platform admin creates the tenant
 * and its admin; that admin creates classes, a counsellor assigned to one, a guardian and children, and links the
 * guardian; the guardian grants consent. Along the way every refusal a wrong caller or a wrong body meets: 403 for a
 * role without the right, 404 for what lies behind a wall, 400 naming the field, 409 for a clash. Never a 5xx.
 */
class AccountsIT {

    static final String PASSWORD = "violet kettle on the moor";

    static Http http;

    /** Unique per run, so that the class can run again on the same database. */
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    static String platform;
    static String tenantId;
    static String admin;
    static String class1a;
    static String class1b;
    static String counsellorId;
    static String guardianId;
    static String child1a;
    static String child1b;

    @BeforeAll
    static void setUpANewSchool() throws Exception {
        http = new Http(SharedServer.get().baseUrl());
        platform = http.token("admin");

        Http.Reply tenant =
                post("/api/v1/tenants", tenantBody("Hillside School " + RUN, "hill.admin." + RUN), platform);
        assertThat(tenant.status()).as(tenant.body()).isEqualTo(201);
        tenantId = tenant.object().getString("tenantId");
        assertThat(tenant.object().getString("adminUserId")).isNotBlank();
        admin = http.token("hill.admin." + RUN, PASSWORD);

        class1a = created(post("/api/v1/cohorts", cohortBody("Class 1A"), admin), "cohortId");
        class1b = created(post("/api/v1/cohorts", cohortBody("Class 1B"), admin), "cohortId");
        counsellorId = created(
                post("/api/v1/users", userBody("hill.counsellor." + RUN, PASSWORD, "COUNSELLOR", class1a), admin),
                "userId");
        guardianId =
                created(post("/api/v1/users", userBody("hill.parent." + RUN, PASSWORD, "GUARDIAN"), admin), "userId");
        child1a = created(post("/api/v1/children", childBody("Kite-" + RUN, 2016, class1a), admin), "childId");
        child1b = created(post("/api/v1/children", childBody("Moth-" + RUN, 2015, class1b), admin), "childId");

        Http.Reply link = post(
                "/api/v1/children/" + child1a + "/guardians", object(Map.of("username", "hill.parent." + RUN)), admin);
        assertThat(link.status()).as(link.body()).isEqualTo(201);

        Http.Reply consent = post(
                "/api/v1/children/" + child1a + "/consents",
                object(Map.of("scope", "collection", "noticeVersion", "2026-01")),
                guardian());
        assertThat(consent.status()).as(consent.body()).isEqualTo(201);
    }

    @Test
    void theCounsellorSeesExactlyTheChildOfTheirClass() throws Exception {
        String counsellor = counsellor();
        JsonArray children = http.get("/api/v1/children", counsellor).json().asJsonArray();
        assertThat(ids(children, "childId")).containsExactly(child1a);
        assertThat(children.getJsonObject(0).getString("cohortName")).isEqualTo("Class 1A");
        assertThat(http.get("/api/v1/children/" + child1a, counsellor).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/children/" + child1b, counsellor).status())
                .as("a child of the class the counsellor is not assigned to")
                .isEqualTo(404);
        assertThat(ids(http.get("/api/v1/cohorts", counsellor).json().asJsonArray(), "cohortId"))
                .containsExactly(class1a);
        assertThat(ids(http.get("/api/v1/cohorts", admin).json().asJsonArray(), "cohortId"))
                .containsExactlyInAnyOrder(class1a, class1b);
    }

    @Test
    void theGuardianSeesTheirChildAndItsConsents() throws Exception {
        String guardian = guardian();
        assertThat(ids(http.get("/api/v1/children", guardian).json().asJsonArray(), "childId"))
                .containsExactly(child1a);
        Map<String, JsonObject> consents = consents(child1a, guardian);
        assertThat(consents.keySet()).containsExactly("collection", "analysis", "model_training", "clinic_sharing");
        JsonObject collection = consents.get("collection");
        assertThat(collection.getBoolean("active")).isTrue();
        assertThat(collection.getString("noticeVersion")).isEqualTo("2026-01");
        assertThat(collection.getString("method")).isEqualTo("app");
        assertThat(collection.getString("grantedBy")).isEqualTo(guardianId);
        assertThat(collection.getString("grantedByUsername")).isEqualTo("hill.parent." + RUN);
        assertThat(Instant.parse(collection.getString("grantedAt")))
                .isBefore(Instant.now().plusSeconds(5));
        assertThat(consents.get("model_training").getBoolean("active")).isFalse();
        assertThat(consents.get("model_training").isNull("grantedAt")).isTrue();

        // Staff who see the child read the same state; the admin of another school does not find the child.
        assertThat(consents(child1a, counsellor()).get("collection").getBoolean("active"))
                .isTrue();
        assertThat(http.get("/api/v1/children/" + child1a + "/consents", http.token("school.admin"))
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/children/" + child1b + "/consents", guardian)
                        .status())
                .as("a child the guardian is not linked to")
                .isEqualTo(404);
    }

    @Test
    void aWithdrawnConsentEndsAtOnceAndSchedulesErasureAfterTheGracePeriod() throws Exception {
        String guardian = guardian();
        String path = "/api/v1/children/" + child1a + "/consents";
        assertThat(post(
                                path,
                                object(Map.of("scope", "analysis", "noticeVersion", "2026-01", "method", "paper")),
                                guardian)
                        .status())
                .isEqualTo(201);
        JsonObject granted = consents(child1a, guardian).get("analysis");
        assertThat(granted.getBoolean("active")).isTrue();
        assertThat(granted.getString("method")).isEqualTo("paper");

        assertThat(http.delete(path + "/analysis", guardian).status()).isEqualTo(204);
        JsonObject withdrawn = consents(child1a, guardian).get("analysis");
        assertThat(withdrawn.getBoolean("active")).isFalse();
        assertThat(withdrawn.getString("withdrawnBy")).isEqualTo(guardianId);
        Instant at = Instant.parse(withdrawn.getString("withdrawnAt"));
        assertThat(Duration.between(at, Instant.parse(withdrawn.getString("erasureDueAt"))))
                .as("the default grace period")
                .isEqualTo(Duration.ofDays(30));
        assertThat(http.delete(path + "/analysis", guardian).status())
                .as("nothing active to withdraw")
                .isEqualTo(404);
        assertThat(http.delete(path + "/everything", guardian).status()).isEqualTo(404);

        // Granting again within the grace period keeps the data: the erasure is called off.
        assertThat(post(path, object(Map.of("scope", "analysis", "noticeVersion", "2026-02")), guardian)
                        .status())
                .isEqualTo(201);
        JsonObject regranted = consents(child1a, guardian).get("analysis");
        assertThat(regranted.getBoolean("active")).isTrue();
        assertThat(regranted.getString("noticeVersion")).isEqualTo("2026-02");
        assertThat(regranted.isNull("erasureDueAt")).isTrue();
    }

    @Test
    void onlyTheChildsGuardianGivesConsentAndTheBodyIsChecked() throws Exception {
        String path = "/api/v1/children/" + child1a + "/consents";
        String body = object(Map.of("scope", "collection", "noticeVersion", "2026-01"));
        assertThat(post(path, body, counsellor()).status()).isEqualTo(403);
        assertThat(post(path, body, admin).status()).isEqualTo(403);
        assertThat(post("/api/v1/children/" + child1b + "/consents", body, guardian())
                        .status())
                .isEqualTo(404);
        assertThat(post(path, body, http.token("parent")).status())
                .as("a guardian of another school")
                .isEqualTo(404);
        assertField(post(path, object(Map.of("scope", "everything", "noticeVersion", "2026-01")), guardian()), "scope");
        assertField(
                post(path, object(Map.of("scope", "analysis", "noticeVersion", "v1\u0000")), guardian()),
                "noticeVersion");
    }

    @Test
    void anotherSchoolsAdminSeesNothingOfTheNewSchool() throws Exception {
        String other = http.token("school.admin");
        assertThat(ids(http.get("/api/v1/children", other).json().asJsonArray(), "childId"))
                .doesNotContain(child1a, child1b);
        assertThat(http.get("/api/v1/children/" + child1a, other).status()).isEqualTo(404);
        assertThat(ids(http.get("/api/v1/users", other).json().asJsonArray(), "userId"))
                .doesNotContain(counsellorId, guardianId);
        assertThat(http.get("/api/v1/users/" + counsellorId, other).status()).isEqualTo(404);
        assertThat(ids(http.get("/api/v1/cohorts", other).json().asJsonArray(), "cohortId"))
                .doesNotContain(class1a, class1b);
        assertThat(post("/api/v1/children/" + child1a + "/guardians", object(Map.of("username", "parent")), other)
                        .status())
                .isEqualTo(404);
        assertThat(post("/api/v1/cohorts/" + class1a + "/events", activity("exam", 0, 90), other)
                        .status())
                .isEqualTo(404);
        assertThat(http.send("PATCH", "/api/v1/users/" + counsellorId, object(Map.of()), other)
                        .status())
                .isEqualTo(404);
        // And the new school sees nothing of the demo school: its children, classes and accounts are not there.
        String demoChild = http.get("/api/v1/children", other)
                .json()
                .asJsonArray()
                .getJsonObject(0)
                .getString("childId");
        assertThat(http.get("/api/v1/children/" + demoChild, admin).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/children", admin).json().asJsonArray()).hasSize(2);
    }

    @Test
    void tenantsAreThePlatformAdminsAndTheirNamesAreUnique() throws Exception {
        JsonArray tenants = http.get("/api/v1/tenants", platform).json().asJsonArray();
        assertThat(ids(tenants, "tenantId")).contains(tenantId);
        assertThat(tenants.getValuesAs(JsonObject.class).stream()
                        .filter(t -> t.getString("tenantId").equals(tenantId))
                        .findFirst()
                        .orElseThrow()
                        .getInt("retentionDays"))
                .isEqualTo(365);
        assertThat(http.get("/api/v1/tenants", admin).status()).isEqualTo(403);
        assertThat(post("/api/v1/tenants", tenantBody("Elsewhere " + RUN, "else.admin." + RUN), admin)
                        .status())
                .isEqualTo(403);
        assertThat(post("/api/v1/tenants", tenantBody("HILLSIDE SCHOOL " + RUN, "other.admin." + RUN), platform)
                        .status())
                .as("the same name in other letters")
                .isEqualTo(409);
        assertThat(post("/api/v1/tenants", tenantBody("Valley School " + RUN, "COUNSELLOR"), platform)
                        .status())
                .as("the demo counsellor's name in capitals")
                .isEqualTo(409);
        Http.Reply weak = post(
                "/api/v1/tenants",
                Json.createObjectBuilder()
                        .add("name", "Valley School " + RUN)
                        .add("kind", "SCHOOL")
                        .add("legalRegime", "FERPA")
                        .add("retentionDays", 365)
                        .add("adminUsername", "valley.admin." + RUN)
                        .add("adminPassword", "Password1234")
                        .build()
                        .toString(),
                platform);
        assertField(weak, "adminPassword");
        assertThat(weak.body()).contains("common").doesNotContain("Password1234");
        Http.Reply bad = post(
                "/api/v1/tenants",
                Json.createObjectBuilder()
                        .add("name", "Valley\u0000School")
                        .add("kind", "school")
                        .add("legalRegime", "FERPA")
                        .add("retentionDays", 0)
                        .add("adminUsername", "valley admin")
                        .add("adminPassword", PASSWORD)
                        .build()
                        .toString(),
                platform);
        assertThat(fields(bad)).containsExactlyInAnyOrder("name", "kind", "retentionDays", "adminUsername");
        assertThat(http.get("/api/v1/tenants", platform).json().asJsonArray()).hasSameSizeAs(tenants);
    }

    @Test
    void aTenantAdminCreatesOnlyTheTenantsRolesWithValidPasswordsAndUniqueNames() throws Exception {
        assertThat(post("/api/v1/users", userBody("hill.root." + RUN, PASSWORD, "PLATFORM_ADMIN"), admin)
                        .status())
                .isEqualTo(403);
        assertThat(post("/api/v1/users", userBody("hill.watch." + RUN, PASSWORD, "DEVICE"), admin)
                        .status())
                .isEqualTo(403);
        assertThat(post("/api/v1/users", userBody("hill.x." + RUN, PASSWORD, "GUARDIAN"), counsellor())
                        .status())
                .isEqualTo(403);
        assertField(post("/api/v1/users", userBody("hill.y." + RUN, PASSWORD, "WIZARD"), admin), "roles");
        assertField(
                post("/api/v1/users", userBody("hill.z." + RUN, PASSWORD, "GUARDIAN", class1a), admin), "cohortIds");
        String oak = http.get("/api/v1/cohorts", http.token("school.admin"))
                .json()
                .asJsonArray()
                .getJsonObject(0)
                .getString("cohortId");
        assertField(post("/api/v1/users", userBody("hill.w." + RUN, PASSWORD, "COUNSELLOR", oak), admin), "cohortIds");
        assertThat(post("/api/v1/users", userBody("HILL.COUNSELLOR." + RUN, PASSWORD, "COUNSELLOR"), admin)
                        .status())
                .isEqualTo(409);
        Http.Reply containsName =
                post("/api/v1/users", userBody("hill.v." + RUN, "my hill.v." + RUN + " pass", "GUARDIAN"), admin);
        assertField(containsName, "password");
        assertThat(containsName.body()).contains("must not contain the user name");
        assertField(post("/api/v1/users", userBody("hill.u." + RUN, "short", "GUARDIAN"), admin), "password");
        assertField(post("/api/v1/users", userBody("hill\u0000u", PASSWORD, "GUARDIAN"), admin), "username");
        assertThat(ids(http.get("/api/v1/users", admin).json().asJsonArray(), "username"))
                .as("nothing was stored by the refused requests")
                .noneMatch(name -> name.matches("hill\\.(root|watch|x|y|z|w|v|u)\\..*"))
                .contains("hill.admin." + RUN, "hill.counsellor." + RUN, "hill.parent." + RUN);
    }

    @Test
    void anAdminListsChangesResetsAndDisablesAccounts() throws Exception {
        String extra = created(
                post("/api/v1/users", userBody("hill.nurse." + RUN, PASSWORD, "CLINICIAN", class1b), admin), "userId");
        Map<String, JsonObject> users =
                http.get("/api/v1/users", admin).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                        .collect(Collectors.toMap(u -> u.getString("userId"), u -> u));
        assertThat(users.get(counsellorId).getJsonArray("cohortIds").getString(0))
                .isEqualTo(class1a);
        assertThat(users.get(counsellorId).getJsonArray("roles").getString(0)).isEqualTo("COUNSELLOR");
        assertThat(users.get(extra).getBoolean("disabled")).isFalse();
        assertThat(users.values()).allSatisfy(u -> assertThat(u.keySet()).doesNotContain("passwordHash"));

        // The nurse moves from 1B to 1A, and then sees 1A's child instead of 1B's.
        String nurse = http.token("hill.nurse." + RUN, PASSWORD);
        assertThat(ids(http.get("/api/v1/children", nurse).json().asJsonArray(), "childId"))
                .containsExactly(child1b);
        Http.Reply moved = http.send(
                "PATCH",
                "/api/v1/users/" + extra,
                Json.createObjectBuilder()
                        .add("cohortIds", Json.createArrayBuilder().add(class1a))
                        .build()
                        .toString(),
                admin);
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.object().getJsonArray("cohortIds").getString(0)).isEqualTo(class1a);
        assertThat(ids(
                        http.get("/api/v1/children", http.token("hill.nurse." + RUN, PASSWORD))
                                .json()
                                .asJsonArray(),
                        "childId"))
                .containsExactly(child1a);
        // A guardian is not assigned to classes.
        assertField(
                http.send(
                        "PATCH",
                        "/api/v1/users/" + extra,
                        Json.createObjectBuilder()
                                .add("roles", Json.createArrayBuilder().add("GUARDIAN"))
                                .add("cohortIds", Json.createArrayBuilder().add(class1a))
                                .build()
                                .toString(),
                        admin),
                "cohortIds");

        // A reset password replaces the old one.
        assertField(
                http.send(
                        "PUT",
                        "/api/v1/users/" + extra + "/password",
                        object(Map.of("password", "qwerty123456")),
                        admin),
                "password");
        String fresh = "amber lantern by the weir";
        assertThat(http.send("PUT", "/api/v1/users/" + extra + "/password", object(Map.of("password", fresh)), admin)
                        .status())
                .isEqualTo(204);
        assertThat(http.login("hill.nurse." + RUN, PASSWORD).status()).isEqualTo(401);
        assertThat(http.login("hill.nurse." + RUN, fresh).status()).isEqualTo(200);

        assertThat(http.send("POST", "/api/v1/users/" + extra + "/disable", null, admin)
                        .status())
                .isEqualTo(204);
        JsonObject disabled = http.get("/api/v1/users/" + extra, admin).object();
        assertThat(disabled.getBoolean("disabled")).isTrue();
        assertThat(disabled.getString("disabledAt")).isNotBlank();
        assertThat(http.send(
                                "PUT",
                                "/api/v1/users/" + extra + "/password",
                                "{\"password\":\"a brand new phrase here\"}",
                                admin)
                        .status())
                .as("a new password for a disabled account")
                .isEqualTo(409);
        assertThat(http.send("PATCH", "/api/v1/users/" + extra, "{\"roles\":[\"GUARDIAN\"]}", admin)
                        .status())
                .as("new roles for a disabled account")
                .isEqualTo(409);

        String self = http.get("/api/v1/users", admin).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(u -> u.getString("username").equals("hill.admin." + RUN))
                .findFirst()
                .orElseThrow()
                .getString("userId");
        assertThat(http.send("POST", "/api/v1/users/" + self + "/disable", null, admin)
                        .status())
                .as("an admin cannot lock themself out")
                .isEqualTo(409);
        assertThat(http.send("POST", "/api/v1/users/no-such-user/disable", null, admin)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void cohortsAndChildrenAreCheckedAndUnique() throws Exception {
        assertThat(post("/api/v1/cohorts", cohortBody("class 1a"), admin).status())
                .isEqualTo(409);
        assertThat(post("/api/v1/cohorts", cohortBody("Class 9"), counsellor()).status())
                .isEqualTo(403);
        assertField(post("/api/v1/cohorts", object(Map.of("name", "Class 9", "kind", "GROUP")), admin), "kind");
        assertThat(http.get("/api/v1/cohorts", guardian()).status()).isEqualTo(403);

        assertThat(post("/api/v1/children", childBody("kite-" + RUN, 2016, class1a), admin)
                        .status())
                .isEqualTo(409);
        assertField(post("/api/v1/children", childBody("Lark-" + RUN, 1800, class1a), admin), "birthYear");
        assertField(post("/api/v1/children", childBody("Lark-" + RUN, 2090, class1a), admin), "birthYear");
        assertField(post("/api/v1/children", childBody("Lark\u0000" + RUN, 2016, class1a), admin), "pseudonym");
        String oak = http.get("/api/v1/cohorts", http.token("school.admin"))
                .json()
                .asJsonArray()
                .getJsonObject(0)
                .getString("cohortId");
        assertField(post("/api/v1/children", childBody("Lark-" + RUN, 2016, oak), admin), "cohortId");
        assertThat(post("/api/v1/children", childBody("Lark-" + RUN, 2016, class1a), counsellor())
                        .status())
                .isEqualTo(403);

        String links = "/api/v1/children/" + child1a + "/guardians";
        assertThat(post(links, object(Map.of("username", "hill.parent." + RUN)), admin)
                        .status())
                .isEqualTo(409);
        assertField(post(links, object(Map.of("username", "parent")), admin), "username");
        assertField(post(links, object(Map.of("username", "hill.counsellor." + RUN)), admin), "username");
        assertThat(post(links, object(Map.of("username", "hill.parent." + RUN)), counsellor())
                        .status())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/children", admin).json().asJsonArray())
                .as("nothing was stored by the refused requests")
                .hasSize(2);
    }

    @Test
    void staffLogInterventionsAndEventsForWhatTheySee() throws Exception {
        String counsellor = counsellor();
        Http.Reply logged = post(
                "/api/v1/children/" + child1a + "/interventions", activity("mindfulness", 16 * 60, 15), counsellor);
        assertThat(logged.status()).as(logged.body()).isEqualTo(201);
        assertThat(logged.object().getString("interventionId")).isNotBlank();
        assertThat(post("/api/v1/children/" + child1b + "/interventions", activity("mindfulness", 0, 15), counsellor)
                        .status())
                .isEqualTo(404);
        assertThat(post("/api/v1/children/" + child1a + "/interventions", activity("mindfulness", 0, 15), guardian())
                        .status())
                .isEqualTo(403);
        assertField(
                post("/api/v1/children/" + child1a + "/interventions", activity("mindfulness", 60, -30), counsellor),
                "end");
        assertField(
                post(
                        "/api/v1/children/" + child1a + "/interventions",
                        object(Map.of("type", "mindfulness", "start", "yesterday", "end", "2026-03-02T16:00:00Z")),
                        counsellor),
                "start");
        assertField(
                post("/api/v1/children/" + child1a + "/interventions", activity("<script>", 0, 15), counsellor),
                "type");

        Http.Reply event =
                post("/api/v1/cohorts/" + class1a + "/events", activity("math_test", 9 * 60, 90), counsellor);
        assertThat(event.status()).as(event.body()).isEqualTo(201);
        assertThat(event.object().getString("eventId")).isNotBlank();
        assertThat(post("/api/v1/cohorts/" + class1b + "/events", activity("math_test", 0, 90), counsellor)
                        .status())
                .isEqualTo(404);
        assertThat(post("/api/v1/cohorts/" + class1b + "/events", activity("sports_day", 0, 300), admin)
                        .status())
                .isEqualTo(201);
        assertThat(http.get("/api/v1/children/" + "x".repeat(60) + "/consents", counsellor)
                        .status())
                .isEqualTo(404);
    }

    // ---------------------------------------------------------------------------------------------------------

    static String counsellor() throws Exception {
        return http.token("hill.counsellor." + RUN, PASSWORD);
    }

    static String guardian() throws Exception {
        return http.token("hill.parent." + RUN, PASSWORD);
    }

    static Http.Reply post(String path, String json, String token) throws Exception {
        return http.post(path, json, token);
    }

    static String created(Http.Reply r, String idField) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.object().getString(idField);
    }

    static void assertField(Http.Reply r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(fields(r)).containsExactly(field);
    }

    static List<String> fields(Http.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        return r.object().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field"))
                .toList();
    }

    static List<String> ids(JsonArray array, String field) {
        return array.getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString(field))
                .toList();
    }

    static Map<String, JsonObject> consents(String childId, String token) throws Exception {
        Http.Reply r = http.get("/api/v1/children/" + childId + "/consents", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().asJsonArray().getValuesAs(JsonObject.class).stream()
                .collect(
                        Collectors.toMap(k -> k.getString("scope"), k -> k, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    static String object(Map<String, String> fields) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        fields.forEach(b::add);
        return b.build().toString();
    }

    static String tenantBody(String name, String adminUsername) {
        return Json.createObjectBuilder()
                .add("name", name)
                .add("kind", "SCHOOL")
                .add("legalRegime", "FERPA")
                .add("retentionDays", 365)
                .add("adminUsername", adminUsername)
                .add("adminPassword", PASSWORD)
                .build()
                .toString();
    }

    static String cohortBody(String name) {
        return object(Map.of("name", name, "kind", "CLASS"));
    }

    static String userBody(String username, String password, String role, String... cohortIds) {
        var cohorts = Json.createArrayBuilder();
        for (String id : cohortIds) {
            cohorts.add(id);
        }
        return Json.createObjectBuilder()
                .add("username", username)
                .add("password", password)
                .add("roles", Json.createArrayBuilder().add(role))
                .add("cohortIds", cohorts)
                .build()
                .toString();
    }

    static String childBody(String pseudonym, int birthYear, String cohortId) {
        return Json.createObjectBuilder()
                .add("pseudonym", pseudonym)
                .add("birthYear", birthYear)
                .add("cohortId", cohortId)
                .build()
                .toString();
    }

    /** An activity starting {@code startMinute} minutes after 2026-03-02T00:00Z and lasting {@code minutes}. */
    static String activity(String type, int startMinute, int minutes) {
        Instant start = Instant.parse("2026-03-02T00:00:00Z").plusSeconds(startMinute * 60L);
        return object(Map.of(
                "type",
                type,
                "start",
                start.toString(),
                "end",
                start.plusSeconds(minutes * 60L).toString()));
    }
}

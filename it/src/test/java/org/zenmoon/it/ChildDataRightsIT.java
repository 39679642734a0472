package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A child's data rights over HTTP on the demo: the disclosure log, the export (JSON and epochs CSV) and erasure,
 * with the walls around them, and the request id that ties a request to its audit rows.
 */
class ChildDataRightsIT {

    static Http http;
    static HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void server() throws Exception {
        http = new Http(SharedServer.get().baseUrl());
    }

    static Connection db() throws Exception {
        return SharedServer.ownerConnection();
    }

    static long count(String sql, String... params) throws Exception {
        try (Connection db = db();
                PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                q.setString(i + 1, params[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static List<String> childIds(String token) throws Exception {
        return http.get("/api/v1/children", token).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("childId"))
                .toList();
    }

    static HttpResponse<String> get(String path, String token, String requestId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create(SharedServer.get().baseUrl() + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .GET();
        if (requestId != null) {
            b.header("X-Request-Id", requestId);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> delete(String path, String token) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(SharedServer.get().baseUrl() + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject object(HttpResponse<String> r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    @Test
    void aListIsAuditedPerChildUnderTheRequestIdTheClientSent() throws Exception {
        String counsellor = http.token("counsellor");
        HttpResponse<String> list = get("/api/v1/children", counsellor, "it-list-4711");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("X-Request-Id")).hasValue("it-list-4711");
        int shown = Json.createReader(new StringReader(list.body())).readArray().size();
        assertThat(shown).isEqualTo(30);
        assertThat(count(
                        "SELECT count(DISTINCT child_id) FROM audit_event WHERE request_id = ? "
                                + "AND actor_roles = 'COUNSELLOR' AND resource = 'ChildDirectory.visibleChildren'",
                        "it-list-4711"))
                .isEqualTo(shown);

        HttpResponse<String> strange = get("/api/v1/children", counsellor, "not ok <script>");
        assertThat(strange.headers().firstValue("X-Request-Id").orElseThrow())
                .as("an ill-formed id is replaced")
                .matches("[0-9a-f-]{36}");
    }

    @Test
    void theDisclosureLogShowsWhoReadTheChildToItsGuardianAndTheAdminOnly() throws Exception {
        String parent = http.token("parent");
        String counsellor = http.token("counsellor");
        String admin = http.token("school.admin");
        List<String> linked = childIds(parent);
        String child = linked.get(0);
        assertThat(get("/api/v1/children/" + child, counsellor, "it-read-disclosed")
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> log = get("/api/v1/children/" + child + "/disclosures?limit=500", parent, null);
        assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
        List<JsonObject> items = object(log).getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(items).anySatisfy(d -> {
            assertThat(d.getString("requestId")).isEqualTo("it-read-disclosed");
            assertThat(d.getString("actorName")).isEqualTo("counsellor");
            assertThat(d.getJsonArray("actorRoles").getString(0)).isEqualTo("COUNSELLOR");
            assertThat(d.getString("action")).isEqualTo("read");
            assertThat(d.getString("outcome")).isEqualTo("ok");
            assertThat(d.getString("at")).endsWith("Z");
        });
        // Newest first, one page at a time.
        JsonObject first = object(get("/api/v1/children/" + child + "/disclosures?limit=1", admin, null));
        assertThat(first.getJsonArray("items")).hasSize(1);
        String cursor = first.getString("nextCursor");
        JsonObject second =
                object(get("/api/v1/children/" + child + "/disclosures?limit=1&cursor=" + cursor, admin, null));
        assertThat(second.getJsonArray("items").getJsonObject(0).getString("at"))
                .isLessThanOrEqualTo(
                        first.getJsonArray("items").getJsonObject(0).getString("at"));

        String classmate = childIds(counsellor).stream()
                .filter(id -> !linked.contains(id))
                .findFirst()
                .orElseThrow();
        assertThat(get("/api/v1/children/" + classmate + "/disclosures", parent, null)
                        .statusCode())
                .as("another family's child")
                .isEqualTo(404);
        assertThat(get("/api/v1/children/" + child + "/disclosures", counsellor, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/children/" + child + "/disclosures", http.token("clinic.admin"), null)
                        .statusCode())
                .as("another tenant's admin")
                .isEqualTo(404);
        HttpResponse<String> badCursor = get("/api/v1/children/" + child + "/disclosures?cursor=x'1", admin, null);
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(badCursor.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(get("/api/v1/children/" + child + "/disclosures?limit=-3", admin, null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void theExportHoldsTheChildsRecordsAndEveryEpochOnceAsJsonAndAsCsv() throws Exception {
        String parent = http.token("parent");
        String child = childIds(parent).get(0);
        HttpResponse<String> r = get("/api/v1/children/" + child + "/export", parent, "it-export-1");
        assertThat(r.statusCode())
                .as(r.body().substring(0, Math.min(500, r.body().length())))
                .isEqualTo(200);
        JsonObject doc = object(r);
        assertThat(doc.getJsonObject("child").getString("childId")).isEqualTo(child);
        assertThat(doc.getJsonArray("guardians").getValuesAs(JsonObject.class))
                .extracting(g -> g.getString("username"))
                .contains("parent");
        assertThat(doc.getJsonArray("consents")).isNotEmpty();
        assertThat(doc.getJsonArray("schoolEvents")).isNotEmpty();
        JsonArray epochs = doc.getJsonArray("epochs");
        long stored = count("SELECT count(*) FROM epoch WHERE child_id = ?", child);
        assertThat(stored).isGreaterThan(10_000);
        assertThat(doc.getJsonNumber("epochCount").longValue()).isEqualTo(stored);
        assertThat((long) epochs.size()).isEqualTo(stored);
        List<String> times = new ArrayList<>();
        for (int i = 0; i < epochs.size(); i += 997) {
            times.add(epochs.getJsonObject(i).getString("t"));
        }
        assertThat(times).isSorted().doesNotHaveDuplicates();
        assertThat(r.body()).doesNotContain("tokenHash", "token_hash", "tenantId");
        assertThat(count(
                        "SELECT count(*) FROM audit_event WHERE request_id = 'it-export-1' AND action = 'export' "
                                + "AND child_id = ? AND outcome = 'ok'",
                        child))
                .isEqualTo(1);

        HttpResponse<String> csv = get("/api/v1/children/" + child + "/export/epochs.csv", parent, null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("t,hr,rmssd,eda,activity,steps,stress,sleep,quality,scr,wear,anomaly,deviceId");
        assertThat((long) lines.length - 1).isEqualTo(stored);
        assertThat(lines[1].split(",", -1)).hasSize(13);
        assertThat(lines[1]).startsWith(epochs.getJsonObject(0).getString("t") + ",");
    }

    @Test
    void onlyTheChildsGuardianAndTheTenantAdminExport() throws Exception {
        String parent = http.token("parent");
        String counsellor = http.token("counsellor");
        List<String> linked = childIds(parent);
        String classmate = childIds(counsellor).stream()
                .filter(id -> !linked.contains(id))
                .findFirst()
                .orElseThrow();
        assertThat(get("/api/v1/children/" + linked.get(0) + "/export", counsellor, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/children/" + linked.get(0) + "/export/epochs.csv", counsellor, null)
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> walled = get("/api/v1/children/" + classmate + "/export", parent, null);
        assertThat(walled.statusCode()).isEqualTo(404);
        assertThat(walled.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(get("/api/v1/children/" + classmate + "/export/epochs.csv", parent, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/children/" + classmate + "/export", http.token("clinic.admin"), null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/children/" + classmate + "/export", http.token("school.admin"), null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void erasureLeavesNothingOfTheChildButTheAuditTrail() throws Exception {
        String school;
        try (Connection db = db();
                Statement s = db.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT tenant_id FROM app_user WHERE username = 'school.admin'")) {
                rs.next();
                school = rs.getString(1);
            }
            String t = "'" + school + "'";
            s.execute("INSERT INTO cohort (tenant_id, id, name, kind) VALUES (" + t + ", 'it-erase-cohort', "
                    + "'Erasure test class', 'CLASS')");
            s.execute("INSERT INTO child (tenant_id, id, pseudonym, birth_year, cohort_id) VALUES (" + t
                    + ", 'it-erase-child', 'Erase-Me', 2015, 'it-erase-cohort')");
            s.execute("INSERT INTO guardian_link (tenant_id, child_id, user_id) "
                    + "SELECT tenant_id, 'it-erase-child', id FROM app_user WHERE username = 'parent'");
            s.execute("INSERT INTO device (tenant_id, id, child_id, label, token_hash) VALUES (" + t
                    + ", 'it-erase-dev', 'it-erase-child', 'Watch', 'hash')");
            s.execute("INSERT INTO consent (tenant_id, id, child_id, scope, notice_version, granted_by) VALUES (" + t
                    + ", 'it-erase-con', 'it-erase-child', 'collection', 'v1', 'x')");
            s.execute("INSERT INTO epoch (tenant_id, child_id, t, hr) VALUES (" + t
                    + ", 'it-erase-child', '2026-01-05T10:00:00Z', 80), (" + t
                    + ", 'it-erase-child', '2026-02-05T10:00:00Z', 81)");
            s.execute("INSERT INTO sleep_episode (tenant_id, id, child_id, onset, wake, source) VALUES (" + t
                    + ", 'it-erase-ep', 'it-erase-child', '2026-01-05T21:00:00Z', '2026-01-06T07:00:00Z', 'device')");
            s.execute(
                    "INSERT INTO intervention (tenant_id, id, child_id, type, start_t, end_t) VALUES (" + t
                            + ", 'it-erase-int', 'it-erase-child', 'mindfulness', '2026-01-05T10:00:00Z', '2026-01-05T10:15:00Z')");
            s.execute("INSERT INTO analysis_result (tenant_id, id, child_id, kind, payload) VALUES (" + t
                    + ", 'it-erase-res', 'it-erase-child', 'chronotype', '{}')");
            s.execute("INSERT INTO recommendation (tenant_id, id, child_id, intervention, text) VALUES (" + t
                    + ", 'it-erase-rec', 'it-erase-child', 'mindfulness', 'Breathe')");
            s.execute("INSERT INTO recommendation_feedback (tenant_id, recommendation_id, user_id, was_helpful) "
                    + "VALUES (" + t + ", 'it-erase-rec', 'x', true)");
        }
        String path = "/api/v1/children/it-erase-child";
        assertThat(delete(path, http.token("counsellor")).statusCode()).isEqualTo(403);
        assertThat(delete(path, http.token("parent")).statusCode()).isEqualTo(403);
        assertThat(delete(path, http.token("clinic.admin")).statusCode()).isEqualTo(404);
        assertThat(count("SELECT count(*) FROM child WHERE id = 'it-erase-child'"))
                .isEqualTo(1);

        String admin = http.token("school.admin");
        HttpResponse<String> erased = delete(path, admin);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(202);
        assertThat(object(erased).getJsonObject("rowsDeleted").getInt("epoch")).isEqualTo(2);

        try (Connection db = db();
                Statement s = db.createStatement();
                ResultSet tables = s.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_attribute a "
                        + "ON a.attrelid = c.oid AND a.attname = 'child_id' AND NOT a.attisdropped "
                        + "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') "
                        + "AND NOT c.relispartition AND c.relname <> 'audit_event'")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            assertThat(names).contains("epoch", "device", "consent", "guardian_link");
            for (String table : names) {
                assertThat(count("SELECT count(*) FROM \"" + table + "\" WHERE child_id = 'it-erase-child'"))
                        .as("rows left in %s", table)
                        .isZero();
            }
        }
        assertThat(count("SELECT count(*) FROM child WHERE id = 'it-erase-child'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM recommendation_feedback WHERE recommendation_id = 'it-erase-rec'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM audit_event WHERE child_id = 'it-erase-child' AND action = 'erase' "
                        + "AND outcome = 'ok' AND actor_roles = 'TENANT_ADMIN'"))
                .isEqualTo(1);
        assertThat(http.get(path, admin).status()).isEqualTo(404);
        assertThat(delete(path, admin).statusCode()).as("erased already").isEqualTo(404);
    }

    @Test
    void startingAndStoppingAJobAreAudited() throws Exception {
        String admin = http.token("school.admin");
        Http.Reply started = http.post("/api/v1/admin/jobs/chronotype", "", admin);
        assertThat(started.status()).isEqualTo(202);
        String id = started.object().getString("executionId");
        Http.Reply stopped = http.post("/api/v1/admin/jobs/" + id + "/stop", "", admin);
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(202);
        assertThat(stopped.object().getString("executionId")).isEqualTo(id);
        assertThat(count("SELECT count(*) FROM audit_event a JOIN app_user u ON u.id = a.actor_id "
                        + "WHERE u.username = 'school.admin' AND a.action = 'job' "
                        + "AND a.resource = 'AnalysisJobs.start job chronotype' AND a.outcome = 'ok'"))
                .isPositive();
        assertThat(count(
                        "SELECT count(*) FROM audit_event WHERE action = 'job' AND resource = ? AND outcome = 'ok'",
                        "AnalysisJobs.stop execution " + id))
                .isEqualTo(1);
        assertThat(http.post("/api/v1/admin/jobs/" + id + "/stop", "", http.token("clinic.admin"))
                        .status())
                .isEqualTo(404);
    }
}

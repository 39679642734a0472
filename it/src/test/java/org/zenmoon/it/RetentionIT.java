package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The nightly {@code retention} job, started as a tenant admin would through the API, in a school of its own: minutes
 * older than the school's retention period go and newer ones stay; a guardian's withdrawn collection consent whose
 * grace period is over takes everything collected about the child with it, and the consent then says when; one not
 * due yet takes nothing; each child's disclosure log records the purge; other schools' rows are untouched; and a second
 * run deletes nothing more.
 */
class RetentionIT {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final String PASSWORD = AccountsIT.PASSWORD;

    /** Minutes of each upload. */
    static final int MINUTES = 30;

    /** Well before a 30-day retention period, inside the upload's allowed age. */
    static final Instant OLD = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(100, ChronoUnit.DAYS);
    /** Inside any retention period. */
    static final Instant RECENT = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.DAYS);

    static Http http;
    static String tenantId;
    static String admin;
    static String guardian;
    /** Keeps its consents (analysis withdrawn, but not due yet). */
    static String kept;
    /** Its collection consent withdrawn, the grace period over. */
    static String withdrawn;

    @BeforeAll
    static void aSchoolWithOldAndNewMinutes() throws Exception {
        http = new Http(SharedServer.get().baseUrl());
        School school = School.create(http, "Retention School " + RUN, "retention.admin." + RUN);
        tenantId = school.tenantId();
        admin = school.admin();
        String cohort = school.cohort("Class R");
        String guardianName = "retention.parent." + RUN;
        school.user(guardianName, "GUARDIAN");
        guardian = http.token(guardianName, PASSWORD);
        kept = child(school, "Kestrel-" + RUN, cohort, guardianName);
        withdrawn = child(school, "Plover-" + RUN, cohort, guardianName);
        for (String child : List.of(kept, withdrawn)) {
            Http.Reply paired = Devices.pair(http, child, "Band", admin);
            assertThat(paired.status()).as(paired.body()).isEqualTo(201);
            String device = paired.object().getString("deviceId");
            String token = paired.object().getString("deviceToken");
            upload(device, token, OLD);
            upload(device, token, RECENT);
            assertThat(epochs(child, OLD)).isEqualTo(MINUTES);
            assertThat(epochs(child, RECENT)).isEqualTo(MINUTES);
        }
        // The school keeps 30 days (the platform admin created it with 365).
        Http.Reply settings = http.send("PATCH", "/api/v1/admin/settings", "{\"retentionDays\":30}", admin);
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        assertThat(settings.object().getInt("retentionDays")).isEqualTo(30);
        assertThat(http.delete("/api/v1/children/" + withdrawn + "/consents/collection", guardian)
                        .status())
                .isEqualTo(204);
        assertThat(http.delete("/api/v1/children/" + kept + "/consents/analysis", guardian)
                        .status())
                .isEqualTo(204);
        // The grace period of the collection consent's withdrawal is over (the server's is 30 days).
        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement s = db.prepareStatement(
                        "UPDATE consent SET erasure_due_at = now() - interval '1 minute'"
                                + " WHERE tenant_id = ? AND child_id = ? AND scope = 'collection' AND withdrawn_at IS NOT NULL")) {
            s.setString(1, tenantId);
            s.setString(2, withdrawn);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void theJobDeletesWhatTheSchoolNoLongerKeepsAndCarriesOutTheDueErasure() throws Exception {
        long othersBefore = otherTenantsEpochs();

        JsonObject status = Jobs.runToTheEnd(http, "retention", admin);

        assertThat(status.getString("status")).as(status.toString()).isEqualTo("COMPLETED");
        assertThat(status.getInt("total")).isEqualTo(2);
        assertThat(status.getInt("written")).isEqualTo(2);
        assertThat(status.getInt("skipped")).isZero();
        // Older than 30 days: gone; the last days: kept.
        assertThat(epochs(kept, OLD)).isZero();
        assertThat(epochs(kept, RECENT)).isEqualTo(MINUTES);
        // The withdrawn collection consent's erasure took every minute, recent ones too.
        assertThat(epochs(withdrawn, RECENT)).isZero();
        assertThat(rows("epoch_bin", withdrawn)).isZero();
        assertThat(rows("ingest_batch", withdrawn)).isZero();
        // The kept child's 12-hour sums went with their minutes: none before the cut-off, the recent ones stay.
        assertThat(rows("epoch_bin", kept)).isPositive();
        assertThat(rowsBefore("epoch_bin", "h", kept, RECENT.minus(29, ChronoUnit.DAYS)))
                .isZero();
        Map<String, JsonObject> withdrawnConsents = consents(withdrawn, guardian);
        Instant erasedAt = instant(withdrawnConsents.get("collection"), "erasedAt");
        assertThat(erasedAt).isNotNull().isBefore(Instant.now().plusSeconds(5));
        // Its analysis consent is still active: nothing of it was erased.
        assertThat(withdrawnConsents.get("analysis").getBoolean("active")).isTrue();
        assertThat(instant(withdrawnConsents.get("analysis"), "erasedAt")).isNull();
        // Not due yet: scheduled, not carried out.
        JsonObject notYet = consents(kept, guardian).get("analysis");
        assertThat(instant(notYet, "erasureDueAt")).isAfter(Instant.now().plus(29, ChronoUnit.DAYS));
        assertThat(instant(notYet, "erasedAt")).isNull();
        // Each child's disclosure log shows what went: the old minutes, and the withdrawn consent's erasure.
        assertThat(disclosures(kept, "purge", "ChildDataDeletes.purgeBefore")).isEqualTo(1);
        assertThat(disclosures(kept, "erase", "ChildDataDeletes.eraseCovered")).isZero();
        assertThat(disclosures(withdrawn, "purge", "ChildDataDeletes.purgeBefore"))
                .isEqualTo(1);
        assertThat(disclosures(withdrawn, "erase", "ChildDataDeletes.eraseCovered"))
                .isEqualTo(1);
        // Another school's minutes are not this run's business.
        assertThat(otherTenantsEpochs()).isEqualTo(othersBefore);

        // Again: nothing more goes, and the erasure is not carried out twice.
        JsonObject again = Jobs.runToTheEnd(http, "retention", admin);
        assertThat(again.getString("status")).isEqualTo("COMPLETED");
        assertThat(epochs(kept, RECENT)).isEqualTo(MINUTES);
        assertThat(instant(consents(withdrawn, guardian).get("collection"), "erasedAt"))
                .isEqualTo(erasedAt);
        // A night with nothing to delete leaves no row in a child's disclosure log.
        assertThat(disclosures(kept, "purge", "ChildDataDeletes.purgeBefore")).isEqualTo(1);
        assertThat(disclosures(withdrawn, "erase", "ChildDataDeletes.eraseCovered"))
                .isEqualTo(1);
    }

    @Test
    void onlyATenantAdminStartsIt() throws Exception {
        assertThat(http.post("/api/v1/admin/jobs/retention", "", guardian).status())
                .isEqualTo(403);
    }

    private static String child(School school, String pseudonym, String cohort, String guardianName) throws Exception {
        String id = school.child(pseudonym, 2015, cohort);
        school.link(id, guardianName);
        school.consent(id, guardian, "collection", "analysis");
        return id;
    }

    private static void upload(String device, String token, Instant from) throws Exception {
        JsonArrayBuilder minutes = Json.createArrayBuilder();
        for (int i = 0; i < MINUTES; i++) {
            minutes.add(Json.createObjectBuilder()
                    .add("t", from.plus(i, ChronoUnit.MINUTES).toString())
                    .add("hr", 80.0 + i % 7)
                    .add("stress", 0.3)
                    .add("wear", true));
        }
        Http.Reply r = http.post(
                "/api/v1/ingest/batches",
                Json.createObjectBuilder()
                        .add("batchId", UUID.randomUUID().toString())
                        .add("deviceId", device)
                        .add("epochs", minutes)
                        .build()
                        .toString(),
                token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.object().getInt("accepted")).isEqualTo(MINUTES);
    }

    /** The child's minutes in the hour from {@code from}, as the tenant admin reads them. */
    private static int epochs(String child, Instant from) throws Exception {
        Http.Reply r = http.get(
                "/api/v1/children/" + child + "/epochs?from=" + from + "&to=" + from.plus(1, ChronoUnit.HOURS)
                        + "&limit=1000",
                admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.object().getJsonArray("items").size();
    }

    private static long rows(String table, String child) throws Exception {
        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement s = db.prepareStatement(
                        "SELECT count(*) FROM " + table + " WHERE tenant_id = ? AND child_id = ?")) {
            s.setString(1, tenantId);
            s.setString(2, child);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Rows of the child's disclosure log with this action and resource, all "ok". */
    private static long disclosures(String child, String action, String resource) throws Exception {
        Http.Reply r = http.get("/api/v1/children/" + child + "/disclosures?limit=500", admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonObject> rows = r.object().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getString("action").equals(action)
                        && d.getString("resource").equals(resource))
                .toList();
        assertThat(rows).allSatisfy(d -> assertThat(d.getString("outcome")).isEqualTo("ok"));
        return rows.size();
    }

    private static long rowsBefore(String table, String column, String child, Instant before) throws Exception {
        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement s = db.prepareStatement("SELECT count(*) FROM " + table
                        + " WHERE tenant_id = ? AND child_id = ? AND " + column + " < ?")) {
            s.setString(1, tenantId);
            s.setString(2, child);
            s.setTimestamp(3, java.sql.Timestamp.from(before));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long otherTenantsEpochs() throws Exception {
        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement s = db.prepareStatement("SELECT count(*) FROM epoch WHERE tenant_id <> ?")) {
            s.setString(1, tenantId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The child's consents by scope, as its guardian reads them. */
    private static Map<String, JsonObject> consents(String child, String token) throws Exception {
        Http.Reply r = http.get("/api/v1/children/" + child + "/consents", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().asJsonArray().getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(k -> k.getString("scope"), k -> k));
    }

    /** An instant field of a JSON object; null when it is missing or null. */
    private static Instant instant(JsonObject o, String field) {
        return o.containsKey(field) && !o.isNull(field) ? Instant.parse(o.getString(field)) : null;
    }
}

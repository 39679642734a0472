package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant admin reads and changes its school's retention period and time zone through {@code /admin/settings}, on
 * two schools of their own (created through the platform admin, so that the demo stays as other tests expect it):
 * the defaults, a change of both, bad values named and nothing stored, other roles refused, each admin its own
 * tenant only, and every change in the audit trail.
 */
class TenantSettingsIT {

    static final String PASSWORD = AccountsIT.PASSWORD;
    static final String RUN = Long.toString(System.nanoTime(), 36);
    static final String SETTINGS = "/api/v1/admin/settings";

    static Http http;
    static String tenantId;
    static String otherTenantId;
    static String admin;
    static String otherAdmin;
    static String counsellor;
    static String guardian;

    @BeforeAll
    static void twoSchoolsOfTheirOwn() throws Exception {
        http = new Http(SharedServer.get().baseUrl());
        School school = School.create(http, "Larkspur School " + RUN, "lark.admin." + RUN);
        School other = School.create(http, "Thistle School " + RUN, "thistle.admin." + RUN);
        tenantId = school.tenantId();
        otherTenantId = other.tenantId();
        admin = school.admin();
        otherAdmin = other.admin();

        school.user("lark.counsellor." + RUN, "COUNSELLOR", school.cohort("Class 2C"));
        school.user("lark.parent." + RUN, "GUARDIAN");
        counsellor = http.token("lark.counsellor." + RUN, PASSWORD);
        guardian = http.token("lark.parent." + RUN, PASSWORD);
    }

    @Test
    void anAdminReadsTheDefaultsChangesBothAndReadsThemBack() throws Exception {
        JsonObject before = settings(otherAdmin);
        assertThat(before.getString("tenantId")).isEqualTo(otherTenantId);
        assertThat(before.getString("name")).isEqualTo("Thistle School " + RUN);
        assertThat(before.getString("kind")).isEqualTo("SCHOOL");
        assertThat(before.getString("legalRegime")).isEqualTo("FERPA");
        assertThat(before.getInt("retentionDays")).isEqualTo(365);
        assertThat(before.getString("timeZone")).as("the default zone").isEqualTo("UTC");

        Http.Reply changed = patch("{\"retentionDays\":730,\"timeZone\":\"Europe/Berlin\"}", otherAdmin);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.object().getInt("retentionDays")).isEqualTo(730);
        assertThat(changed.object().getString("timeZone")).isEqualTo("Europe/Berlin");

        JsonObject after = settings(otherAdmin);
        assertThat(after.getInt("retentionDays")).isEqualTo(730);
        assertThat(after.getString("timeZone")).isEqualTo("Europe/Berlin");
        assertThat(after.getString("name")).as("the rest stays").isEqualTo("Thistle School " + RUN);

        Http.Reply zoneAlone = patch("{\"timeZone\":\"America/New_York\"}", otherAdmin);
        assertThat(zoneAlone.status()).as(zoneAlone.body()).isEqualTo(200);
        assertThat(settings(otherAdmin).getInt("retentionDays"))
                .as("a retention not given stays")
                .isEqualTo(730);
        assertThat(settings(otherAdmin).getString("timeZone")).isEqualTo("America/New_York");

        // The platform admin's list of tenants shows the new retention too.
        JsonObject listed = http.get("/api/v1/tenants", http.token("admin")).json().asJsonArray().stream()
                .map(v -> v.asJsonObject())
                .filter(t -> t.getString("tenantId").equals(otherTenantId))
                .findFirst()
                .orElseThrow();
        assertThat(listed.getInt("retentionDays")).isEqualTo(730);
        assertThat(auditRows(otherTenantId, "ok")).as("audited changes").isEqualTo(2);
    }

    @Test
    void badValuesAreNamedAndNothingChanges() throws Exception {
        JsonObject before = settings(admin);

        assertThat(AccountsIT.fields(patch("{\"retentionDays\":0,\"timeZone\":\"Mars/Olympus_Mons\"}", admin)))
                .containsExactly("retentionDays", "timeZone");
        AccountsIT.assertField(patch("{\"timeZone\":\"Mars/Olympus_Mons\"}", admin), "timeZone");
        AccountsIT.assertField(patch("{\"timeZone\":\"+01:00\"}", admin), "timeZone");
        AccountsIT.assertField(patch("{\"retentionDays\":0,\"timeZone\":\"Europe/Berlin\"}", admin), "retentionDays");
        AccountsIT.assertField(patch("{\"retentionDays\":36501}", admin), "retentionDays");
        AccountsIT.assertField(patch("{}", admin), "body");
        Http.Reply problem = patch("{\"timeZone\":\"Mars/Olympus_Mons\"}", admin);
        assertThat(problem.object().getJsonArray("errors").getJsonObject(0).getString("message"))
                .contains("Europe/Berlin");
        for (String broken : new String[] {"{\"retentionDays\":\"many\"}", "{\"retentionDays\":", "[1,2]", ""}) {
            Http.Reply r = patch(broken, admin);
            assertThat(r.status()).as(broken + ": " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body()).doesNotContain("at org.");
        }

        assertThat(settings(admin)).as("after every refused change").isEqualTo(before);
        assertThat(auditRows(tenantId, "ok")).as("no change was made").isZero();
    }

    @Test
    void onlyTheTenantAdminHasTheSettings() throws Exception {
        for (String token : new String[] {counsellor, guardian}) {
            assertThat(http.get(SETTINGS, token).status()).isEqualTo(403);
            Http.Reply refused = patch("{\"retentionDays\":1}", token);
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(http.get(SETTINGS, http.token("admin")).status())
                .as("the platform admin has no tenant of its own")
                .isEqualTo(403);
        assertThat(http.get(SETTINGS, null).status()).isEqualTo(401);
        assertThat(http.send("PATCH", SETTINGS, "{\"retentionDays\":1}", null).status())
                .isEqualTo(401);
        assertThat(settings(admin).getInt("retentionDays")).isEqualTo(365);
        assertThat(auditRows(tenantId, "forbidden"))
                .as("the refused attempts are in the audit trail")
                .isEqualTo(2);
    }

    @Test
    void eachAdminSeesAndChangesItsOwnTenantOnly() throws Exception {
        JsonObject mine = settings(admin);
        assertThat(mine.getString("tenantId")).isEqualTo(tenantId);
        assertThat(mine.getString("name")).isEqualTo("Larkspur School " + RUN);
        JsonObject theirs = settings(otherAdmin);
        assertThat(theirs.getString("tenantId")).isEqualTo(otherTenantId);
        assertThat(theirs.getString("name")).isEqualTo("Thistle School " + RUN);
        // Whatever the other test has done to Thistle, Larkspur's admin never reaches it.
        assertThat(mine.getInt("retentionDays")).isEqualTo(365);
        assertThat(mine.getString("timeZone")).isEqualTo("UTC");
    }

    // ---------------------------------------------------------------------------------------------------------

    static JsonObject settings(String token) throws Exception {
        Http.Reply r = http.get(SETTINGS, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.object();
    }

    static Http.Reply patch(String json, String token) throws Exception {
        return http.send("PATCH", SETTINGS, json, token);
    }

    /** The tenant's audit rows of settings changes with this outcome. */
    static long auditRows(String tenant, String outcome) throws Exception {
        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement q = db.prepareStatement("SELECT count(*) FROM audit_event WHERE tenant_id = ? "
                        + "AND action = 'settings' AND resource = 'TenantSettings.change' AND outcome = ?")) {
            q.setString(1, tenant);
            q.setString(2, outcome);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

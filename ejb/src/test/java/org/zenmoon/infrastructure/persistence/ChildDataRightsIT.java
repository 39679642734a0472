package org.zenmoon.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.persistence.config.QueryHints;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.zenmoon.application.ChildDirectory;
import org.zenmoon.application.ChildDisclosures;
import org.zenmoon.application.ChildErasure;
import org.zenmoon.application.ChildExport;
import org.zenmoon.application.ForbiddenException;
import org.zenmoon.application.NotFoundException;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.audit.Disclosure;
import org.zenmoon.domain.model.child.ChildRecordRepository;
import org.zenmoon.domain.model.child.ChildSummary;
import org.zenmoon.domain.model.consent.ConsentScope;
import org.zenmoon.domain.model.epoch.EpochRecord;
import org.zenmoon.domain.model.user.Role;

/**
 * In Payara Micro against PostgreSQL: a child's disclosure log, export and erasure through the services, with their
 * walls, and the audit rows the interceptor writes for lists. Each test makes children of its own in tenant A of
 * {@link ArquillianDatabase}, with a row in every table that can hold one.
 */
@ExtendWith(ArquillianExtension.class)
class ChildDataRightsIT {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "child-data-rights.war")
                .addPackages(
                        true,
                        "org.zenmoon.domain",
                        "org.zenmoon.application",
                        "org.zenmoon.infrastructure",
                        "org.zenmoon.analysis")
                .addClasses(TenantJpa.class, ArquillianDatabase.class)
                .addAsResource("META-INF/persistence.xml")
                .addAsResource("META-INF/orm.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsLibraries(org.zenmoon.TestArchives.runtimeLibraries())
                .addAsLibraries(jarOf(org.assertj.core.api.Assertions.class));
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A tenant of this class's own, so that the children it adds and erases change no other test's fixture. */
    static final String C = "tenant-c";

    static final Caller ADMIN = new Caller("u-admin-c", "admin.c", C, Set.of(Role.TENANT_ADMIN));
    static final Caller COUNSELLOR = new Caller("u-couns-c", "couns.c", C, Set.of(Role.COUNSELLOR));
    static final Caller GUARDIAN = new Caller("u-guard-c", "guard.c", C, Set.of(Role.GUARDIAN));
    static final Caller OTHER_ADMIN =
            new Caller("u-admin-a", "admin.a", ArquillianDatabase.TENANT_A, Set.of(Role.TENANT_ADMIN));

    @Inject
    TenantJpa jpa;

    @Inject
    UserTransaction tx;

    @Inject
    CallerContext callers;

    @Inject
    ChildDirectory directory;

    @Inject
    ChildDisclosures disclosures;

    @Inject
    ChildExport exports;

    @Inject
    ChildErasure erasure;

    @Inject
    ChildRecordRepository records;

    @BeforeEach
    void tenantC() throws Exception {
        execute(
                "INSERT INTO tenant (id, name, kind, legal_regime, retention_days) VALUES "
                        + "('tenant-c', 'C School', 'SCHOOL', 'GDPR', 365) ON CONFLICT DO NOTHING",
                "INSERT INTO cohort (tenant_id, id, name, kind) VALUES ('tenant-c', 'cohort-c', 'Class C', 'CLASS') "
                        + "ON CONFLICT DO NOTHING",
                "INSERT INTO app_user (id, tenant_id, username, password_hash, roles) VALUES "
                        + "('u-admin-c', 'tenant-c', 'admin.c', 'x', 'TENANT_ADMIN'), "
                        + "('u-couns-c', 'tenant-c', 'couns.c', 'x', 'COUNSELLOR'), "
                        + "('u-guard-c', 'tenant-c', 'guard.c', 'x', 'GUARDIAN') ON CONFLICT DO NOTHING",
                "INSERT INTO staff_cohort (tenant_id, user_id, cohort_id) VALUES ('tenant-c', 'u-couns-c', 'cohort-c') "
                        + "ON CONFLICT DO NOTHING",
                "INSERT INTO child (tenant_id, id, pseudonym, birth_year, cohort_id) VALUES "
                        + "('tenant-c', 'child-c-unlinked', 'Unlinked-C', 2014, 'cohort-c') ON CONFLICT DO NOTHING");
    }

    @AfterEach
    void rollback() throws Exception {
        if (tx.getStatus() != jakarta.transaction.Status.STATUS_NO_TRANSACTION) {
            tx.rollback();
        }
    }

    /** A child in cohort-c with a row in every table that holds children's rows, linked to guard.c. */
    private void childWithEverything(String id, String pseudonym) throws Exception {
        String c = "'" + id + "'";
        execute(
                "INSERT INTO child (tenant_id, id, pseudonym, birth_year, cohort_id) VALUES ('tenant-c', " + c + ", '"
                        + pseudonym + "', 2015, 'cohort-c')",
                "INSERT INTO guardian_link (tenant_id, child_id, user_id) VALUES ('tenant-c', " + c + ", 'u-guard-c')",
                "INSERT INTO device (tenant_id, id, child_id, label, token_hash) VALUES ('tenant-c', " + c
                        + " || '-dev', " + c + ", 'Watch', 'pbkdf2-secret-hash')",
                "INSERT INTO consent (tenant_id, id, child_id, scope, notice_version, granted_by) VALUES "
                        + "('tenant-c', " + c + " || '-con', " + c + ", 'collection', 'v3', 'u-guard-c')",
                "INSERT INTO epoch (tenant_id, child_id, t, hr, stress, sleep_state, device_id) VALUES "
                        + "('tenant-c', " + c + ", '2026-03-02T08:15:00Z', 92.5, 0.61, 'WAKE', " + c + " || '-dev'), "
                        + "('tenant-c', " + c + ", '2026-03-02T08:16:00Z', 90, 0.5, 'WAKE', " + c + " || '-dev'), "
                        + "('tenant-c', " + c + ", '2026-04-11T23:00:00Z', 55, 0.1, 'SLEEP', " + c + " || '-dev')",
                // The 12-hour sums that the bulk insert keeps of those epochs (V11).
                "INSERT INTO epoch_bin (tenant_id, child_id, h, minutes, stress_n, stress_sum, hr_n, hr_sum, scored,"
                        + " asleep, first_t, last_t) SELECT tenant_id, child_id,"
                        + " date_bin('12 hours', t, timestamptz '2000-01-01 00:00:00+00') AS h, count(*),"
                        + " count(stress), sum(stress::float8), count(hr), sum(hr::float8), count(*) FILTER (WHERE sleep_state IN ('SLEEP', 'WAKE')), count(*) FILTER"
                        + " (WHERE sleep_state = 'SLEEP'), min(t), max(t) FROM epoch WHERE tenant_id = 'tenant-c' AND"
                        + " child_id = " + c + " GROUP BY tenant_id, child_id, h",
                "INSERT INTO sleep_episode (tenant_id, id, child_id, onset, wake, source) VALUES ('tenant-c', " + c
                        + " || '-ep', " + c + ", '2026-03-02T21:00:00Z', '2026-03-03T07:00:00Z', 'device')",
                "INSERT INTO intervention (tenant_id, id, child_id, type, start_t, end_t, logged_by) VALUES "
                        + "('tenant-c', " + c + " || '-int', " + c
                        + ", 'mindfulness', '2026-03-02T10:00:00Z', '2026-03-02T10:20:00Z', 'u-couns-c')",
                "INSERT INTO analysis_result (tenant_id, id, child_id, kind, payload) VALUES ('tenant-c', " + c
                        + " || '-res', " + c + ", 'chronotype', '{\"msfSc\": \"04:12\"}')",
                "INSERT INTO recommendation (tenant_id, id, child_id, intervention, text) VALUES ('tenant-c', " + c
                        + " || '-rec', " + c + ", 'mindfulness', 'Try five minutes of breathing')",
                "INSERT INTO recommendation_feedback (tenant_id, recommendation_id, user_id, was_helpful, comment) "
                        + "VALUES ('tenant-c', " + c + " || '-rec', 'u-guard-c', true, 'It helped')",
                "INSERT INTO ingest_batch (tenant_id, device_id, batch_id, child_id, channel, received_at, items,"
                        + " accepted, duplicates) VALUES ('tenant-c', " + c + " || '-dev', 'b-1', " + c
                        + ", 'rest', '2026-03-02T08:20:00Z', 3, 3, 0)",
                "INSERT INTO child_event (tenant_id, id, child_id, type, start_t, end_t, source) VALUES ('tenant-c', "
                        + c + " || '-ev', " + c
                        + ", 'math_test', '2026-03-03T09:00:00Z', '2026-03-03T10:00:00Z', 'phone')",
                "INSERT INTO alert (tenant_id, id, child_id, kind, started_at, ended_at, raised_at, value, threshold)"
                        + " VALUES ('tenant-c', " + c + " || '-al', " + c
                        + ", 'device_anomaly', '2026-03-02T08:15:00Z',"
                        + " '2026-03-02T08:20:00Z', '2026-03-02T08:21:00Z', 0.9, 0.8)",
                "INSERT INTO situation_vector (tenant_id, recommendation_id, child_id, intervention, situation,"
                        + " helpful, at, embedding) VALUES ('tenant-c', " + c + " || '-rec', " + c
                        + ", 'mindfulness', 'Exam tomorrow, slept badly', true, '2026-03-02T08:30:00Z',"
                        + " '{0.6,0.8}')");
    }

    /**
     * The fixture writes as the server's account, which row-level security confines to the tenant of the
     * transaction: each transaction names tenant-c first, as the tenant interceptor does for a service.
     */
    private void execute(String... statements) throws Exception {
        tx.begin();
        EntityManager em = jpa.em();
        inTenantC(em);
        for (String sql : statements) {
            em.createNativeQuery(sql)
                    .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                    .executeUpdate();
        }
        tx.commit();
    }

    private static void inTenantC(EntityManager em) {
        em.createNativeQuery("SELECT set_config('zenmoon.tenant_id', 'tenant-c', true)")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
    }

    private List<?> query(String sql) throws Exception {
        tx.begin();
        try {
            inTenantC(jpa.em());
            return jpa.em()
                    .createNativeQuery(sql)
                    .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                    .getResultList();
        } finally {
            tx.rollback();
        }
    }

    private long count(String sql) throws Exception {
        return ((Number) query(sql).get(0)).longValue();
    }

    /** Every table of the schema with a child_id column, partitions left out, read from the catalogue. */
    @SuppressWarnings("unchecked")
    private List<String> tablesWithAChildId() throws Exception {
        return (List<String>) query("SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
                + "AND a.attname = 'child_id' AND NOT a.attisdropped WHERE c.relnamespace = 'public'::regnamespace "
                + "AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname");
    }

    /** Rows per table (with a child_id) for the child, and the child row itself under "child". */
    private Map<String, Long> rowsOf(String childId) throws Exception {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : tablesWithAChildId()) {
            rows.put(table, count("SELECT count(*) FROM \"" + table + "\" WHERE child_id = '" + childId + "'"));
        }
        rows.put("child", count("SELECT count(*) FROM child WHERE id = '" + childId + "'"));
        rows.put(
                "recommendation_feedback (through recommendation)",
                count("SELECT count(*) FROM recommendation_feedback WHERE recommendation_id = '" + childId + "-rec'"));
        return rows;
    }

    @Test
    void erasureLeavesNoRowOfTheChildInAnyTableButTheAuditOfItsErasure() throws Exception {
        childWithEverything("child-erase-1", "Erase-1");
        childWithEverything("child-erase-2", "Keep-2");
        // The child has been read before: those audit rows (ids only) stay.
        callers.callAs(() -> ADMIN, "req-before-erasure", () -> directory.find("child-erase-1"));
        Map<String, Long> before = rowsOf("child-erase-1");
        Map<String, Long> otherBefore = rowsOf("child-erase-2");
        assertThat(tablesWithAChildId())
                .as("the tables this test fills")
                .contains(
                        "guardian_link",
                        "device",
                        "consent",
                        "epoch",
                        "epoch_bin",
                        "sleep_episode",
                        "intervention",
                        "analysis_result",
                        "recommendation",
                        "audit_event");
        before.forEach(
                (table, n) -> assertThat(n).as("fixture rows in %s", table).isPositive());

        Map<String, Integer> deleted =
                callers.callAs(() -> ADMIN, "req-erasure-1", () -> erasure.erase("child-erase-1"));

        assertThat(deleted.get("epoch")).isEqualTo(3);
        assertThat(deleted.get("child")).isEqualTo(1);
        Map<String, Long> after = rowsOf("child-erase-1");
        after.forEach((table, n) -> {
            if (!table.equals("audit_event")) {
                assertThat(n).as("rows of the erased child left in %s", table).isZero();
            }
        });
        assertThat(count("SELECT count(*) FROM audit_event WHERE child_id = 'child-erase-1' AND action = 'erase' "
                        + "AND outcome = 'ok' AND actor_id = 'u-admin-c' AND request_id = 'req-erasure-1' "
                        + "AND actor_roles = 'TENANT_ADMIN'"))
                .as("the erasure's own audit row")
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_event WHERE child_id = 'child-erase-1' "
                        + "AND request_id = 'req-before-erasure'"))
                .as("earlier audit rows stay")
                .isEqualTo(1);
        assertThat(rowsOf("child-erase-2")).as("the other child's rows").isEqualTo(otherBefore);
        assertThatThrownBy(() -> callers.callAs(ADMIN, () -> directory.find("child-erase-1")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void onlyTheTenantAdminErasesAndOnlyInItsTenant() throws Exception {
        childWithEverything("child-erase-3", "Erase-3");
        assertThatThrownBy(() -> callers.callAs(COUNSELLOR, () -> erasure.erase("child-erase-3")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> callers.callAs(GUARDIAN, () -> erasure.erase("child-erase-3")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> callers.callAs(OTHER_ADMIN, () -> erasure.erase("child-erase-3")))
                .isInstanceOf(NotFoundException.class);
        assertThat(rowsOf("child-erase-3").get("child")).isEqualTo(1);
        assertThat(rowsOf("child-erase-3").get("epoch")).isEqualTo(3);
    }

    @Test
    void theExportHoldsWhatWasStoredAboutTheChildAndNoSecret() throws Exception {
        childWithEverything("child-export-1", "Export-1");
        childWithEverything("child-export-2", "Export-2");
        callers.callAs(() -> COUNSELLOR, "req-read-export-1", () -> directory.find("child-export-1"));

        JsonObject doc = callers.callAs(() -> GUARDIAN, "req-export-1", () -> exports.document("child-export-1"));

        assertThat(doc.getJsonObject("child").getString("childId")).isEqualTo("child-export-1");
        assertThat(doc.getJsonObject("child").getString("pseudonym")).isEqualTo("Export-1");
        assertThat(doc.getJsonObject("child").getInt("birthYear")).isEqualTo(2015);
        assertThat(doc.getJsonObject("child").getString("cohortName")).isEqualTo("Class C");
        assertThat(doc.getJsonArray("guardians").getJsonObject(0).getString("username"))
                .isEqualTo("guard.c");
        assertThat(doc.getJsonArray("consents")).hasSize(1);
        assertThat(doc.getJsonArray("consents").getJsonObject(0).getString("scope"))
                .isEqualTo("collection");
        assertThat(doc.getJsonArray("consents").getJsonObject(0).getString("noticeVersion"))
                .isEqualTo("v3");
        assertThat(doc.getJsonArray("devices")).hasSize(1);
        JsonObject device = doc.getJsonArray("devices").getJsonObject(0);
        assertThat(device.getString("label")).isEqualTo("Watch");
        assertThat(device.keySet()).doesNotContain("tokenHash", "token_hash", "tenantId");
        assertThat(doc.toString()).doesNotContain("pbkdf2-secret-hash");
        assertThat(doc.getJsonArray("sleepEpisodes").getJsonObject(0).getString("source"))
                .isEqualTo("device");
        assertThat(doc.getJsonArray("interventions").getJsonObject(0).getString("type"))
                .isEqualTo("mindfulness");
        assertThat(doc.getJsonArray("analysisResults")
                        .getJsonObject(0)
                        .getJsonObject("payload")
                        .getString("msfSc"))
                .isEqualTo("04:12");
        assertThat(doc.getJsonArray("recommendations").getJsonObject(0).getString("text"))
                .isEqualTo("Try five minutes of breathing");
        assertThat(doc.getJsonArray("recommendationFeedback")).hasSize(1);
        assertThat(doc.getJsonArray("recommendationFeedback").getJsonObject(0).getBoolean("wasHelpful"))
                .isTrue();
        assertThat(doc.getJsonNumber("epochCount").longValue()).isEqualTo(3);
        assertThat(doc.keySet()).as("the epochs' sums, made from the epochs").doesNotContain("epochBin");
        // The disclosure log: the counsellor's read of this child, with name, role and request.
        assertThat(doc.getJsonArray("disclosures").getValuesAs(JsonObject.class))
                .anySatisfy(d -> {
                    assertThat(d.getString("actorName")).isEqualTo("couns.c");
                    assertThat(d.getJsonArray("actorRoles").getString(0)).isEqualTo("COUNSELLOR");
                    assertThat(d.getString("requestId")).isEqualTo("req-read-export-1");
                    assertThat(d.getString("resource")).isEqualTo("ChildDirectory.find");
                });
        // Nothing of the other child.
        assertThat(doc.toString()).doesNotContain("child-export-2", "Export-2");

        List<EpochRecord> first = callers.callAs(GUARDIAN, () -> exports.epochsAfter("child-export-1", null, 2));
        assertThat(first).extracting(EpochRecord::hr).containsExactly(92.5f, 90f);
        List<EpochRecord> rest = callers.callAs(
                GUARDIAN,
                () -> exports.epochsAfter("child-export-1", first.get(1).t(), 2));
        assertThat(rest).singleElement().satisfies(e -> {
            assertThat(e.sleep()).isEqualTo("SLEEP");
            assertThat(e.deviceId()).isEqualTo("child-export-1-dev");
        });
        assertThat(count("SELECT count(*) FROM audit_event WHERE child_id = 'child-export-1' AND action = 'export' "
                        + "AND request_id = 'req-export-1' AND actor_id = 'u-guard-c' AND outcome = 'ok'"))
                .as("the export is audited")
                .isEqualTo(1);
    }

    @Test
    void exportAndDisclosuresAreForTheTenantAdminAndTheChildsGuardiansOnly() throws Exception {
        childWithEverything("child-export-3", "Export-3");
        assertThat(callers.callAs(ADMIN, () -> exports.document("child-export-3"))
                        .getJsonObject("child")
                        .getString("pseudonym"))
                .isEqualTo("Export-3");
        assertThatThrownBy(() -> callers.callAs(COUNSELLOR, () -> exports.document("child-export-3")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> callers.callAs(COUNSELLOR, () -> disclosures.page("child-export-3", null, 10)))
                .isInstanceOf(ForbiddenException.class);
        // guard.c is linked to the children made here, not to child-c-unlinked.
        assertThatThrownBy(() -> callers.callAs(GUARDIAN, () -> exports.document("child-c-unlinked")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> callers.callAs(GUARDIAN, () -> exports.epochsAfter("child-c-unlinked", null, 10)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> callers.callAs(GUARDIAN, () -> disclosures.page("child-c-unlinked", null, 10)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> callers.callAs(OTHER_ADMIN, () -> exports.document("child-export-3")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> callers.callAs(OTHER_ADMIN, () -> disclosures.page("child-export-3", null, 10)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theDisclosureLogPagesNewestFirstAndRecordsItsOwnReading() throws Exception {
        childWithEverything("child-log-1", "Log-1");
        for (int i = 1; i <= 3; i++) {
            String request = "req-log-" + i;
            callers.callAs(() -> COUNSELLOR, request, () -> directory.find("child-log-1"));
        }
        ChildDisclosures.Page first =
                callers.callAs(() -> ADMIN, "req-log-read-1", () -> disclosures.page("child-log-1", null, 2));
        assertThat(first.items()).extracting(Disclosure::requestId).containsExactly("req-log-3", "req-log-2");
        assertThat(first.items().get(0).actorName()).isEqualTo("couns.c");
        assertThat(first.items().get(0).actorRoles()).containsExactly("COUNSELLOR");
        assertThat(first.items().get(0).outcome()).isEqualTo("ok");
        assertThat(first.nextCursor()).isNotNull();

        ChildDisclosures.Page second =
                callers.callAs(ADMIN, () -> disclosures.page("child-log-1", first.nextCursor(), 2));
        assertThat(second.items()).extracting(Disclosure::requestId).containsExactly("req-log-1");
        assertThat(second.nextCursor()).isNull();

        ChildDisclosures.Page again = callers.callAs(GUARDIAN, () -> disclosures.page("child-log-1", null, 2));
        assertThat(again.items())
                .as("reading the log is disclosed in it as well: the admin's two pages, newest first")
                .extracting(Disclosure::requestId)
                .containsExactly(null, "req-log-read-1");
        assertThat(again.items()).allSatisfy(d -> {
            assertThat(d.actorName()).isEqualTo("admin.c");
            assertThat(d.resource()).isEqualTo("ChildDisclosures.page");
        });
    }

    @Test
    void aListIsAuditedWithOneRowPerChildShown() throws Exception {
        childWithEverything("child-list-1", "List-1");
        List<ChildSummary> shown = callers.callAs(() -> COUNSELLOR, "req-list-1", () -> directory.visibleChildren());
        assertThat(shown).hasSizeGreaterThanOrEqualTo(2);
        @SuppressWarnings("unchecked")
        List<String> audited = (List<String>) query("SELECT child_id FROM audit_event WHERE request_id = 'req-list-1' "
                + "AND actor_id = 'u-couns-c' AND resource = 'ChildDirectory.visibleChildren' ORDER BY child_id");
        List<String> ids =
                new ArrayList<>(shown.stream().map(ChildSummary::childId).toList());
        ids.sort(null);
        assertThat(audited).isEqualTo(ids);
        assertThat(audited).contains("child-c-unlinked").doesNotContain("child-a1", "child-b1");
    }

    @Test
    void everyTableOfChildrensRowsIsDatedForRetentionOrKeptOnPurpose() throws Exception {
        List<String> tables = new ArrayList<>(tablesWithAChildId());
        tables.remove(ChildRecordRepository.AUDIT_TABLE);
        Set<String> classified = new java.util.HashSet<>(JpaChildRecordRepository.DATED.keySet());
        classified.addAll(JpaChildRecordRepository.KEPT);
        assertThat(classified)
                .as("a table of children's rows that retention neither dates nor keeps on purpose")
                .containsAll(tables);
        assertThat(tables).as("a dated or kept table that no longer exists").containsAll(classified);
        assertThat(JpaChildRecordRepository.DATED.keySet()).doesNotContainAnyElementsOf(JpaChildRecordRepository.KEPT);
        assertThat(JpaChildRecordRepository.DATED.keySet()).containsAll(JpaChildRecordRepository.COLLECTED);
    }

    @Test
    void retentionDeletesTheChildsRowsDatedBeforeTheStartOfTheCutOffsDayAndNoOthers() throws Exception {
        childWithEverything("child-ret-1", "Ret-1");
        childWithEverything("child-ret-2", "Ret-2");
        Map<String, Long> before = rowsOf("child-ret-1");
        Map<String, Long> other = rowsOf("child-ret-2");

        Instant cutoff = Instant.parse("2026-03-03T12:00:00Z");
        assertThat(inTenantCWithBinding(() -> records.hasRowsBefore("child-ret-1", cutoff)))
                .isTrue();
        assertThat(inTenantCWithBinding(
                        () -> records.hasRowsBefore("child-ret-1", Instant.parse("2026-03-02T23:00:00Z"))))
                .as("nothing is dated before 2 March")
                .isFalse();

        Map<String, Integer> deleted = inTenantCWithBinding(() -> records.purgeBefore("child-ret-1", cutoff));

        // 2 March's minutes and their 12-hour bin, its intervention, upload, alert and situation; the sleep that
        // ended at 07:00 on the 3rd stays (the cut-off is the start of the 3rd), as do the results and
        // recommendations of today.
        assertThat(deleted)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "epoch", 2,
                        "epoch_bin", 1,
                        "intervention", 1,
                        "ingest_batch", 1,
                        "alert", 1,
                        "situation_vector", 1));
        Map<String, Long> after = rowsOf("child-ret-1");
        for (Map.Entry<String, Long> e : before.entrySet()) {
            assertThat(after.get(e.getKey()))
                    .as(e.getKey())
                    .isEqualTo(e.getValue() - deleted.getOrDefault(e.getKey(), 0));
        }
        assertThat(after)
                .containsEntry("epoch", 1L)
                .containsEntry("sleep_episode", 1L)
                .containsEntry("consent", 1L);
        assertThat(rowsOf("child-ret-2")).as("another child's rows").isEqualTo(other);
        assertThat(inTenantCWithBinding(() -> records.hasRowsBefore("child-ret-1", cutoff)))
                .isFalse();
        assertThat(inTenantCWithBinding(() -> records.purgeBefore("child-ret-1", cutoff)))
                .as("a second purge with the same cut-off")
                .isEmpty();
    }

    @Test
    void aWithdrawnConsentsErasureTakesWhatItsScopeCoveredAndNoMore() throws Exception {
        String id = "child-scope-1";
        childWithEverything(id, "Scope-1");
        execute(
                "UPDATE recommendation SET context = '{\"stress\": 0.6}', candidates = '[\"mindfulness\"]',"
                        + " propensity = 0.5 WHERE id = 'child-scope-1-rec'",
                "UPDATE child SET chronotype = 'night_owl' WHERE id = 'child-scope-1'");

        // Model training: the training record goes, the recommendation and its answer stay for the family.
        assertThat(inTenantCWithBinding(() -> records.eraseCovered(id, ConsentScope.MODEL_TRAINING)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("recommendation", 1));
        assertThat(count("SELECT count(*) FROM recommendation WHERE child_id = 'child-scope-1' AND context IS NULL"
                        + " AND candidates IS NULL AND propensity IS NULL"))
                .isEqualTo(1);
        assertThat(rowsOf(id)).containsEntry("recommendation_feedback (through recommendation)", 1L);
        // Clinic sharing stores nothing of its own.
        assertThat(inTenantCWithBinding(() -> records.eraseCovered(id, ConsentScope.CLINIC_SHARING)))
                .isEmpty();
        // Analysis: the results and the chronotype; the measurements stay.
        execute("INSERT INTO sleep_episode (tenant_id, id, child_id, onset, wake, source) VALUES ('tenant-c',"
                + " 'child-scope-1-det', 'child-scope-1', '2026-03-03T21:00:00Z', '2026-03-04T07:00:00Z', 'detected')");
        assertThat(inTenantCWithBinding(() -> records.eraseCovered(id, ConsentScope.ANALYSIS)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("analysis_result", 1, "sleep_episode", 1, "child", 1));
        assertThat(count("SELECT count(*) FROM child WHERE id = 'child-scope-1' AND chronotype IS NULL"))
                .isEqualTo(1);
        assertThat(rowsOf(id)).containsEntry("epoch", 3L).containsEntry("analysis_result", 0L);
        // Collection: everything collected and computed from it; the staff's record, the links and the child stay.
        assertThat(inTenantCWithBinding(() -> records.eraseCovered(id, ConsentScope.COLLECTION)))
                .containsOnlyKeys(
                        "epoch",
                        "epoch_bin",
                        "sleep_episode",
                        "child_event",
                        "alert",
                        "ingest_batch",
                        "recommendation",
                        "situation_vector");
        Map<String, Long> after = rowsOf(id);
        for (String table : JpaChildRecordRepository.COLLECTED) {
            assertThat(after.get(table)).as(table).isZero();
        }
        assertThat(after)
                .containsEntry("recommendation_feedback (through recommendation)", 0L)
                .containsEntry("intervention", 1L)
                .containsEntry("consent", 1L)
                .containsEntry("guardian_link", 1L)
                .containsEntry("device", 1L)
                .containsEntry("child", 1L);
    }

    /** {@code work} in a transaction bound to tenant-c, as the tenant interceptor binds a service's. */
    private <T> T inTenantCWithBinding(java.util.concurrent.Callable<T> work) throws Exception {
        tx.begin();
        try {
            TenantScopedQueries.bind(jpa.em(), C);
            T result = work.call();
            tx.commit();
            return result;
        } catch (Exception e) {
            if (tx.getStatus() != jakarta.transaction.Status.STATUS_NO_TRANSACTION) {
                tx.rollback();
            }
            throw e;
        }
    }
}

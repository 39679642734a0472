package org.zenmoon.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.persistence.config.QueryHints;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.zenmoon.domain.model.analysis.AnalysisResult;
import org.zenmoon.domain.model.analysis.ModelVersion;
import org.zenmoon.domain.model.audit.AuditEvent;
import org.zenmoon.domain.model.child.Child;
import org.zenmoon.domain.model.child.GuardianLink;
import org.zenmoon.domain.model.cohort.Cohort;
import org.zenmoon.domain.model.cohort.CohortKind;
import org.zenmoon.domain.model.consent.Consent;
import org.zenmoon.domain.model.device.Device;
import org.zenmoon.domain.model.epoch.Epoch;
import org.zenmoon.domain.model.epoch.SleepState;
import org.zenmoon.domain.model.event.Intervention;
import org.zenmoon.domain.model.event.SchoolEvent;
import org.zenmoon.domain.model.recommendation.Recommendation;
import org.zenmoon.domain.model.recommendation.RecommendationFeedback;
import org.zenmoon.domain.model.sleep.SleepEpisode;
import org.zenmoon.domain.model.tenant.Tenancy;
import org.zenmoon.domain.model.tenant.Tenant;
import org.zenmoon.domain.model.user.AppUser;
import org.zenmoon.domain.model.user.Role;

/**
 * In Payara Micro against PostgreSQL: the entity mappings, and EclipseLink's tenant wall. One deployment
 * for the whole class; the fixture comes from {@link ArquillianDatabase}.
 */
@ExtendWith(ArquillianExtension.class)
class MultitenancyIT {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "multitenancy.war")
                .addPackages(true, "org.zenmoon.domain", "org.zenmoon.application")
                .addClasses(
                        ZenMoonDatabase.class,
                        InstantConverter.class,
                        JsonbConverter.class,
                        UserAccounts.class,
                        SchemaVersion.class,
                        TenantJpa.class,
                        ArquillianDatabase.class)
                .addAsResource("META-INF/persistence.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsLibraries(jarOf(org.postgresql.Driver.class));
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    TenantJpa jpa;

    @Inject
    UserTransaction tx;

    @AfterEach
    void rollback() throws Exception {
        if (tx.getStatus() != jakarta.transaction.Status.STATUS_NO_TRANSACTION) {
            tx.rollback();
        }
    }

    private EntityManager as(String tenant) throws Exception {
        tx.begin();
        EntityManager em = jpa.em();
        em.setProperty(Tenancy.PROPERTY, tenant);
        return em;
    }

    @Test
    void aQueryAsTenantANeverReturnsTenantBsRows() throws Exception {
        EntityManager em = as(ArquillianDatabase.TENANT_A);
        List<Child> children = em.createQuery("SELECT c FROM Child c ORDER BY c.id", Child.class)
                .getResultList();
        assertEquals(
                List.of("child-a1", "child-a2"),
                children.stream().map(Child::getId).toList());
        assertEquals(
                1L, em.createQuery("SELECT count(h) FROM Cohort h", Long.class).getSingleResult());
        assertEquals(
                1L, em.createQuery("SELECT count(e) FROM Epoch e", Long.class).getSingleResult());
        assertNull(em.find(Child.class, "child-b1"), "find by id of another tenant's child");
        assertEquals(
                0,
                em.createQuery("SELECT c FROM Child c WHERE c.id = 'child-b2'", Child.class)
                        .getResultList()
                        .size());
        tx.rollback();

        em = as(ArquillianDatabase.TENANT_B);
        assertEquals(
                List.of("child-b1", "child-b2"),
                em.createQuery("SELECT c.id FROM Child c ORDER BY c.id", String.class)
                        .getResultList());
    }

    @Test
    void bulkUpdatesStayInsideTheTenant() throws Exception {
        EntityManager em = as(ArquillianDatabase.TENANT_A);
        int updated = em.createQuery("UPDATE Child c SET c.preferredInterventions = 'mindfulness'")
                .executeUpdate();
        assertEquals(2, updated);
        Number touchedInB = (Number) em.createNativeQuery(
                        "SELECT count(*) FROM child WHERE tenant_id = 'tenant-b' AND preferred_interventions IS NOT NULL")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
        assertEquals(0, touchedInB.intValue());
    }

    @Test
    void newRowsTakeTheTenantOfTheContextNotOfTheirData() throws Exception {
        EntityManager em = as(ArquillianDatabase.TENANT_B);
        em.persist(new Cohort("cohort-b2", "Panel B2", CohortKind.PANEL));
        // Entities refer to each other by id, not by mapped relationships, so EclipseLink does not order
        // the inserts by foreign key: the parent is flushed first.
        em.flush();
        em.persist(new Child("child-b3", "Wren-5", 2016, "cohort-b2"));
        em.flush();
        Object tenant = em.createNativeQuery("SELECT tenant_id FROM child WHERE id = 'child-b3'")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
        assertEquals("tenant-b", tenant);
    }

    @Test
    void withoutATenantTenantOwnedDataIsUnreachable() throws Exception {
        tx.begin();
        EntityManager em = jpa.em();
        assertThrows(
                RuntimeException.class,
                () -> em.createQuery("SELECT c FROM Child c", Child.class).getResultList());
        assertThrows(
                RuntimeException.class,
                () -> em.createNativeQuery("SELECT count(*) FROM child").getSingleResult(),
                "native SQL needs an explicit opt-in in a multitenant unit");
    }

    @Test
    void entityMappingsRoundTrip() throws Exception {
        EntityManager em = as(ArquillianDatabase.TENANT_A);
        Instant t = Instant.parse("2026-03-02T08:16:00Z");
        em.persist(new Epoch("child-a1", t, 91.5f, 40f, 3.2f, 120, 0.5f, SleepState.WAKE, 0.9f, null));
        em.persist(new AppUser("user-g", "tenant-a", "g.a", "hash", EnumSet.of(Role.GUARDIAN), "Guardian A"));
        em.flush();
        em.persist(new GuardianLink("child-a1", "user-g"));
        em.flush();
        em.clear();

        Epoch e = em.find(Epoch.class, new Epoch.Key("child-a1", t));
        assertNotNull(e);
        assertEquals(t, e.getT());
        assertEquals(91.5f, e.getHr());
        assertEquals(120, e.getActivity());
        assertEquals(SleepState.WAKE, e.getSleep());
        assertNull(e.getDeviceId());
        assertEquals(EnumSet.of(Role.GUARDIAN), em.find(AppUser.class, "user-g").getRoles());
        assertNotNull(em.find(GuardianLink.class, new GuardianLink.Key("child-a1", "user-g")));
        Tenant tenant = em.find(Tenant.class, "tenant-a");
        assertEquals("FERPA", tenant.getLegalRegime());
        assertTrue(tenant.getCreatedAt().isBefore(Instant.now().plusSeconds(1)));
        Child child = em.find(Child.class, "child-a1");
        assertEquals(2015, child.getBirthYear());
        assertEquals("cohort-a", child.getCohortId());
    }

    @Test
    void everyTableHasAWorkingMapping() throws Exception {
        EntityManager em = as(ArquillianDatabase.TENANT_A);
        Instant t = Instant.parse("2026-03-02T20:00:00Z");
        em.persist(new Consent("consent-1", "child-a1", "collection", "v1", "user-x", t, null));
        em.persist(new Device("device-1", "child-a1", "wrist", "token-hash", null));
        em.persist(new SleepEpisode("sleep-1", "child-a1", t, t.plusSeconds(9 * 3600), "device"));
        em.persist(new SchoolEvent("event-1", "cohort-a", "math_test", t, t.plusSeconds(3600), "school"));
        em.persist(new Intervention("iv-1", "child-a1", "mindfulness", t, t.plusSeconds(900), null));
        em.persist(new ModelVersion("model-1", "ranker", 1, "candidate", new byte[] {8, 1, 2}, "{\"auc\": 0.71}"));
        em.persist(new AnalysisResult("result-1", "child-a1", null, "chronotype", t, "{\"msfSc\": \"04:12\"}"));
        em.flush();
        em.persist(new Recommendation(
                "rec-1", "child-a1", "mindfulness", "Try a short breathing exercise.", t, "model-1", "A"));
        em.flush();
        em.persist(new RecommendationFeedback("rec-1", "user-x", true, null, t));
        em.persist(new AuditEvent(t, "user-x", "read", "test", "child-a1", "ok"));
        em.flush();
        em.clear();

        assertEquals("v1", em.find(Consent.class, "consent-1").getNoticeVersion());
        assertNull(em.find(Device.class, "device-1").getRevokedAt());
        assertEquals(
                t.plusSeconds(9 * 3600), em.find(SleepEpisode.class, "sleep-1").getWake());
        assertEquals("math_test", em.find(SchoolEvent.class, "event-1").getType());
        assertEquals(t.plusSeconds(900), em.find(Intervention.class, "iv-1").getEnd());
        ModelVersion model = em.find(ModelVersion.class, "model-1");
        assertEquals(3, model.getOnnx().length);
        assertTrue(model.getMetrics().contains("0.71"));
        assertTrue(em.find(AnalysisResult.class, "result-1").getPayload().contains("04:12"));
        assertEquals("A", em.find(Recommendation.class, "rec-1").getArm());
        assertTrue(em.find(RecommendationFeedback.class, "rec-1").isWasHelpful());
        assertEquals(
                1L,
                em.createQuery("SELECT count(a) FROM AuditEvent a WHERE a.childId = 'child-a1'", Long.class)
                        .getSingleResult());
        tx.rollback();

        em = as(ArquillianDatabase.TENANT_B);
        assertNull(em.find(Consent.class, "consent-1"));
        assertEquals(
                0L,
                em.createQuery("SELECT count(a) FROM AuditEvent a", Long.class).getSingleResult());
    }
}

package org.zenmoon.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.UserTransaction;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.persistence.config.QueryHints;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.zenmoon.application.ChildDirectory;
import org.zenmoon.application.ForbiddenException;
import org.zenmoon.application.NotAuthenticatedException;
import org.zenmoon.application.NotFoundException;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.analysis.AnalysisResult;
import org.zenmoon.domain.model.audit.AuditEvent;
import org.zenmoon.domain.model.child.Child;
import org.zenmoon.domain.model.child.ChildSummary;
import org.zenmoon.domain.model.child.GuardianLink;
import org.zenmoon.domain.model.cohort.Cohort;
import org.zenmoon.domain.model.cohort.CohortKind;
import org.zenmoon.domain.model.epoch.Epoch;
import org.zenmoon.domain.model.epoch.SleepState;
import org.zenmoon.domain.model.tenant.Tenant;
import org.zenmoon.domain.model.tenant.TenantBinding;
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
                .addAsLibraries(org.zenmoon.TestArchives.runtimeLibraries());
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

    @Inject
    TenantBinding binding;

    /** A transaction of {@code tenant}, bound as the tenant interceptor binds it. */
    private EntityManager as(String tenant) throws Exception {
        tx.begin();
        binding.bind(tenant);
        return jpa.em();
    }

    /** A count by native SQL, which EclipseLink does not filter: only the database's wall applies. */
    private static long unfiltered(EntityManager em, String sql) {
        return ((Number) em.createNativeQuery(sql)
                        .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                        .getSingleResult())
                .longValue();
    }

    @Test
    void aQueryAsTenantANeverReturnsTenantBsRows() throws Exception {
        EntityManager em = as(ArquillianDatabase.TENANT_A);
        List<Child> children = em.createQuery("SELECT c FROM Child c ORDER BY c.id", Child.class)
                .getResultList();
        assertEquals(
                List.of("child-a1", "child-a2", "child-a3"),
                children.stream().map(Child::getId).toList());
        assertEquals(
                2L, em.createQuery("SELECT count(h) FROM Cohort h", Long.class).getSingleResult());
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
        assertEquals(3, updated);
        tx.commit();
        try {
            em = as(ArquillianDatabase.TENANT_B);
            assertEquals(
                    0L,
                    em.createQuery(
                                    "SELECT count(c) FROM Child c WHERE c.preferredInterventions IS NOT NULL",
                                    Long.class)
                            .getSingleResult());
            tx.rollback();
        } finally {
            em = as(ArquillianDatabase.TENANT_A);
            em.createQuery("UPDATE Child c SET c.preferredInterventions = NULL").executeUpdate();
            tx.commit();
        }
    }

    @Test
    void theDatabaseWallsTheTransactionEvenWhereEclipseLinkDoesNotFilter() throws Exception {
        EntityManager em = as(ArquillianDatabase.TENANT_A);
        assertEquals(3L, unfiltered(em, "SELECT count(*) FROM child"), "tenant A's children, not B's");
        assertEquals(1L, unfiltered(em, "SELECT count(*) FROM epoch"));
        assertEquals(0L, unfiltered(em, "SELECT count(*) FROM child WHERE tenant_id = 'tenant-b'"));
        assertThrows(
                RuntimeException.class,
                () -> em.createNativeQuery(
                                "INSERT INTO cohort (tenant_id, id, name, kind) VALUES ('tenant-b', 'sneaky', 'Sneaky', 'PANEL')")
                        .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                        .executeUpdate(),
                "a row for another tenant");
        tx.rollback();

        // A transaction that binds no tenant sees nothing, also on a connection that served tenant A before: the
        // setting ends with its transaction.
        for (int i = 0; i < 3; i++) {
            as(ArquillianDatabase.TENANT_A);
            tx.commit();
            tx.begin();
            EntityManager unbound = jpa.em();
            assertEquals(0L, unfiltered(unbound, "SELECT count(*) FROM child"), "children with no tenant bound");
            assertEquals(0L, unfiltered(unbound, "SELECT count(*) FROM epoch"), "epochs with no tenant bound");
            tx.rollback();
        }
    }

    @Test
    void aTransactionStaysWithItsTenant() throws Exception {
        as(ArquillianDatabase.TENANT_A);
        assertThrows(IllegalStateException.class, () -> binding.bind(ArquillianDatabase.TENANT_B));
        tx.rollback();
        assertThrows(
                IllegalStateException.class,
                () -> binding.bind(ArquillianDatabase.TENANT_A),
                "no transaction to bind the tenant to");
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
    void analysisResultsAndAuditEventsRoundTripInsideTheirTenant() throws Exception {
        EntityManager em = as(ArquillianDatabase.TENANT_A);
        Instant t = Instant.parse("2026-03-02T20:00:00Z");
        em.persist(new AnalysisResult("result-1", "child-a1", null, "chronotype", t, "{\"msfSc\": \"04:12\"}"));
        em.persist(new AuditEvent(t, "user-x", "COUNSELLOR", "req-1", "read", "test", "child-a1", "ok"));
        em.flush();
        em.clear();

        assertTrue(em.find(AnalysisResult.class, "result-1").getPayload().contains("04:12"));
        assertEquals(
                1L,
                em.createQuery(
                                "SELECT count(a) FROM AuditEvent a WHERE a.childId = 'child-a1' AND a.requestId = 'req-1'",
                                Long.class)
                        .getSingleResult());
        tx.rollback();

        em = as(ArquillianDatabase.TENANT_B);
        assertNull(em.find(AnalysisResult.class, "result-1"));
        assertEquals(
                0L,
                em.createQuery("SELECT count(a) FROM AuditEvent a", Long.class).getSingleResult());
    }

    @Inject
    CallerContext callers;

    @Inject
    ChildDirectory directory;

    private static Caller caller(String userId, String tenant, Role role) {
        return new Caller(userId, userId, tenant, Set.of(role));
    }

    private List<String> visibleTo(Caller caller) throws Exception {
        return callers.callAs(caller, directory::visibleChildren).stream()
                .map(ChildSummary::childId)
                .sorted()
                .toList();
    }

    @Test
    void eachRoleSeesTheChildrenTheAccessPolicyGivesIt() throws Exception {
        String a = ArquillianDatabase.TENANT_A;
        assertEquals(List.of("child-a1", "child-a2", "child-a3"), visibleTo(caller("u-admin-a", a, Role.TENANT_ADMIN)));
        assertEquals(List.of("child-a1", "child-a2"), visibleTo(caller("u-couns-a", a, Role.COUNSELLOR)));
        assertEquals(List.of("child-a2"), visibleTo(caller("u-guard-a", a, Role.GUARDIAN)));
        Caller counsellor = caller("u-couns-a", a, Role.COUNSELLOR);
        assertThrows(NotFoundException.class, () -> callers.callAs(counsellor, () -> directory.find("child-a3")));
        assertThrows(NotFoundException.class, () -> callers.callAs(counsellor, () -> directory.find("child-b1")));
        assertThrows(
                ForbiddenException.class,
                () -> visibleTo(caller("u-platform", null, Role.PLATFORM_ADMIN)),
                "a platform admin reads no child");
        assertThrows(NotAuthenticatedException.class, directory::visibleChildren, "no caller bound");
    }

    @Test
    void readsAreAuditedByTheInterceptorWithTheirOutcome() throws Exception {
        Caller counsellor = caller("u-couns-a", ArquillianDatabase.TENANT_A, Role.COUNSELLOR);
        long okBefore = audited("child-a1", "ok");
        long refusedBefore = audited("child-a3", "not_found");

        assertEquals(
                "Otter-1",
                callers.callAs(counsellor, () -> directory.find("child-a1")).pseudonym());
        assertThrows(NotFoundException.class, () -> callers.callAs(counsellor, () -> directory.find("child-a3")));

        assertEquals(okBefore + 1, audited("child-a1", "ok"));
        assertEquals(refusedBefore + 1, audited("child-a3", "not_found"), "the refused read is audited too");
    }

    /** Audit events of the counsellor's ChildDirectory.find calls for {@code childId} with {@code outcome}. */
    private long audited(String childId, String outcome) throws Exception {
        EntityManager em = as(ArquillianDatabase.TENANT_A);
        try {
            return em.createQuery(
                            "SELECT count(a) FROM AuditEvent a WHERE a.actorId = 'u-couns-a' AND a.childId = :c "
                                    + "AND a.resource = 'ChildDirectory.find' AND a.outcome = :o",
                            Long.class)
                    .setParameter("c", childId)
                    .setParameter("o", outcome)
                    .getSingleResult();
        } finally {
            tx.rollback();
        }
    }
}

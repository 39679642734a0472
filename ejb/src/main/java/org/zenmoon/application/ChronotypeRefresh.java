package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.zenmoon.domain.model.analysis.AnalysisResult;
import org.zenmoon.domain.model.child.Child;
import org.zenmoon.domain.model.child.Chronotype;
import org.zenmoon.domain.model.tenant.Tenancy;
import org.zenmoon.domain.model.tenant.Tenant;

/**
 * Recomputes and stores the chronotype of every child of a tenant, for the {@code chronotype} batch job. The
 * tenant is a job parameter taken from the authenticated admin who started the job, never from request data.
 */
@Stateless
public class ChronotypeRefresh {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Inject
    AuditTrail audit;

    /** The tenants a job started by this caller covers: its own, or all of them for a platform admin. */
    public List<String> tenantsFor(String tenantParameter) {
        if (!"*".equals(tenantParameter)) {
            return List.of(tenantParameter);
        }
        return em.createQuery("SELECT t FROM Tenant t ORDER BY t.id", Tenant.class)
                .getResultStream()
                .map(Tenant::getId)
                .toList();
    }

    /** One transaction per tenant; returns the number of children whose chronotype is known now. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int refreshTenant(String tenantId, String actorId) {
        em.setProperty(Tenancy.PROPERTY, tenantId);
        Instant now = Instant.now();
        Caller actor = new Caller(actorId, null, tenantId, Set.of());
        int known = 0;
        for (Child child : em.createQuery("SELECT c FROM Child c ORDER BY c.id", Child.class)
                .getResultList()) {
            ChronotypeView view = ChildChronotype.compute(em, child.getId(), child.getBirthYear(), now);
            child.assignChronotype(view.category() == null ? null : Chronotype.valueOf(view.category()));
            em.persist(new AnalysisResult(
                    UUID.randomUUID().toString(),
                    child.getId(),
                    null,
                    "chronotype",
                    now,
                    Json.createObjectBuilder()
                            .add("status", view.status())
                            .add("msfSc", view.msfSc() == null ? "" : view.msfSc())
                            .add("category", view.category() == null ? "" : view.category())
                            .add("nights", view.nights())
                            .add("method", view.method())
                            .build()
                            .toString()));
            audit.record(actor, "write", "ChronotypeRefresh.refreshTenant", child.getId(), "ok");
            if (view.category() != null) {
                known++;
            }
        }
        return known;
    }
}

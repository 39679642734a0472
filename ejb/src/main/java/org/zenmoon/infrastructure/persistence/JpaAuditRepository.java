package org.zenmoon.infrastructure.persistence;

import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.nativeQuery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import org.zenmoon.domain.model.audit.AuditEvent;
import org.zenmoon.domain.model.audit.AuditRepository;
import org.zenmoon.domain.model.audit.Disclosure;
import org.zenmoon.domain.model.audit.DisclosureLog;

@ApplicationScoped
public class JpaAuditRepository implements AuditRepository, DisclosureLog {

    private static final String DISCLOSURES = "SELECT a.id, a.at, a.actor_id, u.username, a.actor_roles, a.action, "
            + "a.resource, a.outcome, a.request_id FROM audit_event a LEFT JOIN app_user u ON u.id = a.actor_id "
            + "WHERE a.tenant_id = ?1 AND a.child_id = ?2";

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public void append(AuditEvent event) {
        em.persist(event);
    }

    @Override
    public List<Disclosure> page(String childId, Long beforeId, int limit) {
        Query q = beforeId == null
                ? nativeQuery(em, DISCLOSURES + " ORDER BY a.id DESC LIMIT ?3").setParameter(3, limit)
                : nativeQuery(em, DISCLOSURES + " AND a.id < ?3 ORDER BY a.id DESC LIMIT ?4")
                        .setParameter(3, beforeId)
                        .setParameter(4, limit);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.setParameter(2, childId).getResultList();
        return rows.stream()
                .map(r -> new Disclosure(
                        ((Number) r[0]).longValue(),
                        ((Timestamp) r[1]).toInstant(),
                        (String) r[2],
                        (String) r[3],
                        r[4] == null ? List.of() : Arrays.asList(((String) r[4]).split(",")),
                        (String) r[5],
                        (String) r[6],
                        (String) r[7],
                        (String) r[8]))
                .toList();
    }
}

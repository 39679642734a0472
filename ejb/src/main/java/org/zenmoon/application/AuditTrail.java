package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import org.zenmoon.domain.model.audit.AuditEvent;
import org.zenmoon.domain.model.tenant.Tenancy;

/** Writes audit events, each in its own transaction. */
@Stateless
public class AuditTrail {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(Caller caller, String action, String resource, String childId, String outcome) {
        em.setProperty(Tenancy.PROPERTY, caller.tenantId());
        em.persist(new AuditEvent(Instant.now(), caller.userId(), action, resource, childId, outcome));
    }
}

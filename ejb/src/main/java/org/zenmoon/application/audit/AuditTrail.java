package org.zenmoon.application.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.audit.AuditEvent;
import org.zenmoon.domain.model.audit.AuditRepository;

/**
 * Writes audit events, each in its own transaction, in the caller's tenant. Only {@link AuditInterceptor}
 * calls it: services mark what they do with {@link Audited} instead of writing events by hand.
 */
@Stateless
@TenantBound
public class AuditTrail {

    @Inject
    AuditRepository events;

    @Inject
    Clock clock;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String actorId, String action, String resource, String childId, String outcome) {
        events.append(new AuditEvent(clock.instant(), actorId, action, resource, childId, outcome));
    }
}

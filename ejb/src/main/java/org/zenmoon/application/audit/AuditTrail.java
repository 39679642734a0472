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

    /** The widths of {@code audit_event.child_id} and {@code audit_event.resource}. */
    static final int ID_LENGTH = 36;

    static final int RESOURCE_LENGTH = 120;

    @Inject
    AuditRepository events;

    @Inject
    Clock clock;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String actorId, String action, String resource, String childId, String outcome) {
        events.append(new AuditEvent(
                clock.instant(), actorId, action, clip(resource, RESOURCE_LENGTH), clip(childId, ID_LENGTH), outcome));
    }

    /**
     * A probe with an id no child can have (longer than the ids the schema keeps) is still recorded: clipped to
     * the column, rather than failing the insert and losing the attempt.
     */
    static String clip(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}

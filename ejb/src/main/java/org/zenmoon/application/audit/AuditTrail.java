package org.zenmoon.application.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.audit.AuditEvent;
import org.zenmoon.domain.model.audit.AuditRepository;

/**
 * Writes audit events, each call in its own transaction, in the caller's tenant. Only {@link AuditInterceptor}
 * calls it: services mark what they do with {@link Audited} instead of writing events by hand.
 */
@Stateless
@TenantBound
public class AuditTrail {

    /** The widths of {@code audit_event.child_id}, {@code .resource}, {@code .actor_roles} and {@code .request_id}. */
    static final int ID_LENGTH = 36;

    static final int RESOURCE_LENGTH = 120;
    static final int ROLES_LENGTH = 200;
    static final int REQUEST_ID_LENGTH = 64;

    @Inject
    AuditRepository events;

    @Inject
    Clock clock;

    /**
     * One row per child in {@code childIds} (a null entry: a call that concerns no one child), all at the same
     * instant and in one transaction.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(
            Caller actor, String requestId, String action, String resource, List<String> childIds, String outcome) {
        Instant at = clock.instant();
        String roles =
                clip(actor.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(",")), ROLES_LENGTH);
        for (String childId : childIds) {
            events.append(new AuditEvent(
                    at,
                    actor.userId(),
                    roles,
                    clip(requestId, REQUEST_ID_LENGTH),
                    action,
                    clip(resource, RESOURCE_LENGTH),
                    clip(childId, ID_LENGTH),
                    outcome));
        }
    }

    /**
     * A probe with an id no child can have (longer than the ids the schema keeps) is still recorded: clipped to
     * the column, rather than failing the insert and losing the attempt.
     */
    static String clip(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}

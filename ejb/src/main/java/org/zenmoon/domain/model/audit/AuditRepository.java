package org.zenmoon.domain.model.audit;

/** The audit trail of the current tenant: events are appended, never changed. */
public interface AuditRepository {

    void append(AuditEvent event);
}

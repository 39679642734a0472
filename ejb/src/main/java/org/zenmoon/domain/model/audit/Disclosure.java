package org.zenmoon.domain.model.audit;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a child's disclosure log (FERPA 34 CFR 99.32): who (account, user name, roles) did what (action,
 * resource) to the child's records, when, with what outcome, in which request. The user name is null when the
 * account no longer exists.
 */
public record Disclosure(
        long id,
        Instant at,
        String actorId,
        String actorName,
        List<String> actorRoles,
        String action,
        String resource,
        String outcome,
        String requestId) {

    public Disclosure {
        actorRoles = actorRoles == null ? List.of() : List.copyOf(actorRoles);
    }
}

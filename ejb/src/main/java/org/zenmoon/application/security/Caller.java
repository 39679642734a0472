package org.zenmoon.application.security;

import java.util.Set;
import org.zenmoon.domain.model.user.Role;

/**
 * Who a unit of work runs for: the authenticated person or device of a request, or the admin who started a job.
 * The tenant comes from here and nowhere else. What the roles allow is for {@link AccessPolicy} to say.
 */
public record Caller(String userId, String username, String tenantId, Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** The same person working in {@code tenant}: how a platform admin's job visits each tenant. */
    public Caller inTenant(String tenant) {
        return new Caller(userId, username, tenant, roles);
    }
}

package org.zenmoon.application;

import java.util.Set;
import org.zenmoon.domain.model.user.Role;

/** The authenticated person (or device) a request runs for. The tenant comes from here and nowhere else. */
public record Caller(String userId, String username, String tenantId, Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isStaff() {
        return roles.stream().anyMatch(Role.STAFF::contains);
    }

    /** A guardian with no staff role: sees linked children only. */
    public boolean isGuardianOnly() {
        return has(Role.GUARDIAN) && !isStaff();
    }
}

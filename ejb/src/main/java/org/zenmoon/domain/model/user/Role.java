package org.zenmoon.domain.model.user;

import java.util.EnumSet;
import java.util.Set;

/** The roles of ../shared/API.md. Names are used verbatim as security roles and token groups. */
public enum Role {
    PLATFORM_ADMIN,
    TENANT_ADMIN,
    COUNSELLOR,
    CLINICIAN,
    GUARDIAN,
    DEVICE;

    /** Roles that look after a tenant's children as professionals, as opposed to guardians. */
    public static final Set<Role> STAFF = EnumSet.of(TENANT_ADMIN, COUNSELLOR, CLINICIAN);
}

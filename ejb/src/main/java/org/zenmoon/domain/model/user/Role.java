package org.zenmoon.domain.model.user;

/**
 * The roles of ../shared/API.md, defined here once. Names are used verbatim as token groups; what each role may
 * do is decided in one place, {@code org.zenmoon.application.security.AccessPolicy}.
 */
public enum Role {
    PLATFORM_ADMIN,
    TENANT_ADMIN,
    COUNSELLOR,
    CLINICIAN,
    GUARDIAN,
    DEVICE;
}

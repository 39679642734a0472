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

    /** The role with this name, if there is one (user input never reaches {@code valueOf}). */
    public static java.util.Optional<Role> named(String name) {
        return java.util.Arrays.stream(values())
                .filter(r -> r.name().equals(name))
                .findFirst();
    }
}

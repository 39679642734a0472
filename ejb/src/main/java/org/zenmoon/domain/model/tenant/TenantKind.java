package org.zenmoon.domain.model.tenant;

/** Schools and clinics are the two kinds of organisation that deploy ZenMoon for their children. */
public enum TenantKind {
    SCHOOL,
    CLINIC
}

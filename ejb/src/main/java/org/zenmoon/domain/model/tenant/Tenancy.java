package org.zenmoon.domain.model.tenant;

/**
 * The EclipseLink context property that carries the current tenant. Every tenant-owned entity is
 * {@code @Multitenant(SINGLE_TABLE)} on {@code tenant_id} bound to this property, and it is set once per
 * transaction from the authenticated caller, never from request data.
 */
public final class Tenancy {

    public static final String PROPERTY = "eclipselink.tenant-id";
    public static final String COLUMN = "tenant_id";

    private Tenancy() {}
}

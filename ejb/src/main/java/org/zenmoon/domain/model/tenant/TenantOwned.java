package org.zenmoon.domain.model.tenant;

import jakarta.persistence.MappedSuperclass;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * The tenant wall, declared once: every entity that extends this is filtered by EclipseLink on
 * {@code tenant_id}, taken from the {@link Tenancy#PROPERTY} of the persistence context, and new rows get
 * that tenant. No entity has a tenant field that code could set.
 */
@MappedSuperclass
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = Tenancy.COLUMN, contextProperty = Tenancy.PROPERTY)
public abstract class TenantOwned {}

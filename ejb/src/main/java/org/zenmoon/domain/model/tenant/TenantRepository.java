package org.zenmoon.domain.model.tenant;

import java.util.List;
import java.util.Optional;

/** The schools and clinics on this installation. */
public interface TenantRepository {

    /** Every tenant's id, in id order. */
    List<String> allIds();

    /** Every tenant, by name. */
    List<Tenant> all();

    /** Whether a tenant already has this name, regardless of case. */
    boolean nameTaken(String name);

    void add(Tenant tenant);

    /** The tenant with this id, managed: a change to it is stored with the transaction. */
    Optional<Tenant> find(String id);
}

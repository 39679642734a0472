package org.zenmoon.domain.model.user;

import java.util.List;
import java.util.Optional;

/** Accounts, looked up before any tenant is known (log-in) and therefore not tenant-filtered. */
public interface UserRepository {

    Optional<AppUser> findById(String id);

    /** The account with this name, regardless of case (log-in, and checks for a taken name): names are unique that way. */
    Optional<AppUser> findByUsernameIgnoringCase(String username);

    void add(AppUser user);

    /** The accounts of the tenant bound to the current transaction, by user name. */
    List<AppUser> ofCurrentTenant();

    /** The tenant's accounts that are not disabled, by user name. */
    List<AppUser> activeInTenant(String tenantId);

    /** An account of the tenant bound to the current transaction. */
    Optional<AppUser> findInCurrentTenant(String id);
}

package org.zenmoon.domain.model.user;

import java.util.Optional;

/** Accounts, looked up before any tenant is known (log-in) and therefore not tenant-filtered. */
public interface UserRepository {

    Optional<AppUser> findByUsername(String username);

    Optional<AppUser> findById(String id);
}

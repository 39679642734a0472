package org.zenmoon.application;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import org.zenmoon.infrastructure.persistence.UserAccounts;

/** Resolves the caller of the current request once, from the container's authenticated principal. */
@RequestScoped
public class CurrentCaller {

    @Inject
    SecurityContext securityContext;

    @Inject
    UserAccounts accounts;

    private Caller caller;

    /** @throws NotAuthenticatedException when nobody is logged in, or the account no longer exists */
    public Caller get() {
        if (caller == null) {
            Principal principal = securityContext.getCallerPrincipal();
            if (principal == null) {
                throw new NotAuthenticatedException();
            }
            caller = accounts.findByUsername(principal.getName())
                    .map(u -> new Caller(u.getId(), u.getUsername(), u.getTenantId(), u.getRoles()))
                    .orElseThrow(NotAuthenticatedException::new);
        }
        return caller;
    }
}

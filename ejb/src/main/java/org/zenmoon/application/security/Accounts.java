package org.zenmoon.application.security;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import org.zenmoon.domain.model.user.AppUser;
import org.zenmoon.domain.model.user.PasswordHash;
import org.zenmoon.domain.model.user.UserRepository;

/**
 * Log-in and the lookup of a logged-in caller. Every log-in path (the API's token endpoint and the portal's
 * form) goes through {@link #logIn}, which is where failures are counted and throttled.
 */
@Stateless
public class Accounts {

    /** Checked when the user does not exist, so that a wrong user name takes as long as a wrong password. */
    private static final String DUMMY_HASH = PasswordHash.hash("not-a-password".toCharArray());

    /** The result of a log-in attempt. */
    public record LogIn(Outcome outcome, Caller caller, long retryAfterSeconds) {
        public enum Outcome {
            SUCCEEDED,
            FAILED,
            THROTTLED
        }

        public boolean succeeded() {
            return outcome == Outcome.SUCCEEDED;
        }
    }

    @Inject
    UserRepository users;

    @Inject
    LoginThrottle throttle;

    /** Outside any transaction: the slow hash must not hold a pooled connection. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public LogIn logIn(String username, char[] password) {
        long wait = throttle.attempt(username);
        if (wait > 0) {
            return new LogIn(LogIn.Outcome.THROTTLED, null, wait);
        }
        Optional<AppUser> user = users.findByUsername(username);
        boolean ok =
                PasswordHash.verify(password, user.map(AppUser::getPasswordHash).orElse(DUMMY_HASH));
        if (!ok || user.isEmpty()) {
            return new LogIn(LogIn.Outcome.FAILED, null, 0);
        }
        throttle.succeeded(username);
        return new LogIn(LogIn.Outcome.SUCCEEDED, caller(user.get()), 0);
    }

    /**
     * The caller behind an authenticated principal (whose name is the account's id, which never changes or passes
     * to another account), with its roles as they are now. Outside the caller's transaction, so that looking the
     * account up never touches a tenant-bound persistence context.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<Caller> callerWithId(String userId) {
        return users.findById(userId).map(Accounts::caller);
    }

    private static Caller caller(AppUser u) {
        return new Caller(u.getId(), u.getUsername(), u.getTenantId(), u.getRoles());
    }
}

package org.zenmoon.application.security;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import org.zenmoon.domain.model.user.AppUser;
import org.zenmoon.domain.model.user.PasswordHash;
import org.zenmoon.domain.model.user.UserRepository;

/**
 * Log-in, log-out and the lookup of a logged-in caller. Every log-in path (the API's token endpoint and the
 * portal's form) goes through {@link #logIn}, which is where failures are counted and throttled. A token or
 * portal session carries the account's token version; {@link #callerWithToken} refuses it once the version has
 * moved on (log-out, password or role change, disabling).
 */
@Stateless
public class Accounts {

    /** Checked when the user does not exist, so that a wrong user name takes as long as a wrong password. */
    private static final String DUMMY_HASH = PasswordHash.hash("not-a-password".toCharArray());

    /** The longest user name an account can have; anything longer fails without a database read. */
    public static final int MAX_USERNAME_LENGTH = 100;

    /** The result of a log-in attempt; on success, the account's token version for the token or session. */
    public record LogIn(Outcome outcome, Caller caller, long retryAfterSeconds, int tokenVersion) {
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

    @Inject
    AccessPolicy policy;

    @Resource
    SessionContext self;

    /** True for a user name an account could have: 1 to 100 characters, no control characters. */
    public static boolean plausibleUsername(String username) {
        return username != null
                && !username.isEmpty()
                && username.length() <= MAX_USERNAME_LENGTH
                && username.codePoints().noneMatch(Character::isISOControl);
    }

    /**
     * Outside any transaction: the slow hash must not hold a pooled connection. {@code clientAddress} is where the
     * attempt comes from, for the throttle. A disabled account fails like a wrong password. A password stored with
     * fewer iterations than new hashes get is hashed again.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public LogIn logIn(String username, char[] password, String clientAddress) {
        long wait = throttle.attempt(username, clientAddress);
        if (wait > 0) {
            return new LogIn(LogIn.Outcome.THROTTLED, null, wait, 0);
        }
        if (!plausibleUsername(username)) {
            return new LogIn(LogIn.Outcome.FAILED, null, 0, 0);
        }
        Optional<AppUser> user = users.findByUsernameIgnoringCase(username);
        String stored = user.map(AppUser::getPasswordHash).orElse(DUMMY_HASH);
        boolean ok = PasswordHash.verify(password, stored);
        if (!ok || user.isEmpty() || user.get().isDisabled()) {
            return new LogIn(LogIn.Outcome.FAILED, null, 0, 0);
        }
        throttle.succeeded(username, clientAddress);
        if (PasswordHash.needsRehash(stored)) {
            self.getBusinessObject(Accounts.class)
                    .replaceOutdatedHash(user.get().getId(), stored, PasswordHash.hash(password));
        }
        return new LogIn(
                LogIn.Outcome.SUCCEEDED, caller(user.get()), 0, user.get().getTokenVersion());
    }

    /**
     * Stores a stronger hash of the same password, unless the stored one changed meanwhile. For {@link #logIn}
     * only (public because the container must start its transaction); it revokes no tokens.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void replaceOutdatedHash(String userId, String outdated, String stronger) {
        users.findById(userId)
                .filter(u -> u.getPasswordHash().equals(outdated))
                .ifPresent(u -> u.rehashPassword(stronger));
    }

    /** Log-out: every token and portal session of the account stops working. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void logOut(String userId) {
        users.findById(userId).ifPresent(AppUser::revokeTokens);
    }

    /**
     * The caller behind a token or portal session: the account's id and the token version it was given. Empty
     * when the account is gone or disabled, or the version has moved on since (log-out, password or role change).
     * One read of the account, outside the caller's transaction.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<Caller> callerWithToken(String userId, int tokenVersion) {
        return users.findById(userId)
                .filter(u -> !u.isDisabled() && u.getTokenVersion() == tokenVersion)
                .map(Accounts::caller);
    }

    /**
     * The caller behind an authenticated principal (whose name is the account's id, which never changes or passes
     * to another account), with its roles as they are now; empty for a disabled account. Outside the caller's transaction, so that looking the
     * account up never touches a tenant-bound persistence context.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<Caller> callerWithId(String userId) {
        return users.findById(userId).filter(u -> !u.isDisabled()).map(Accounts::caller);
    }

    /**
     * The tenant's first active account (by user name) that may run the tenant's jobs (a tenant admin), in whose name the nightly schedule runs the tenant's
     * jobs: its runs are audited under that admin, and stop when no admin may run jobs any more.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<Caller> scheduleAdmin(String tenantId) {
        return users.activeInTenant(tenantId).stream()
                .map(Accounts::caller)
                .filter(c -> policy.permits(c, Permission.RUN_JOBS) && !policy.jobsCoverAllTenants(c))
                .findFirst();
    }

    private static Caller caller(AppUser u) {
        return new Caller(u.getId(), u.getUsername(), u.getTenantId(), u.getRoles());
    }
}

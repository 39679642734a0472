package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.cohort.CohortRepository;
import org.zenmoon.domain.model.user.AppUser;
import org.zenmoon.domain.model.user.PasswordHash;
import org.zenmoon.domain.model.user.PasswordPolicy;
import org.zenmoon.domain.model.user.Role;
import org.zenmoon.domain.model.user.UserRepository;

/**
 * A tenant admin's accounts: create them with roles and cohort assignments, list them, change roles and
 * assignments, reset a password, disable an account. Every change of roles or password and every disabling
 * revokes the account's tokens. There is no e-mail: the admin hands the new password over. Accounts of other
 * tenants, and the platform's, do not exist here.
 */
@Stateless
@TenantBound
@Requires(Permission.MANAGE_USERS)
public class UserAdministration {

    /** A new account; {@code cohortIds} only for counsellors and clinicians. */
    public record NewUser(String username, String password, List<String> roles, List<String> cohortIds) {}

    /** What an admin sees of an account: never its password hash. */
    public record UserView(
            String userId,
            String username,
            List<String> roles,
            List<String> cohortIds,
            boolean disabled,
            Instant disabledAt,
            Instant createdAt) {}

    @Inject
    UserRepository users;

    @Inject
    CohortRepository cohorts;

    @Inject
    AccessPolicy policy;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    /** @return the new account's id */
    public String create(NewUser request) {
        if (request.username() == null || !request.username().matches(AppUser.USERNAME_PATTERN)) {
            throw new InvalidInputException("username", AppUser.USERNAME_RULE);
        }
        Set<Role> roles = grantable(request.roles());
        requireAcceptable("password", request.username(), request.password());
        Set<String> cohortIds = assignable(roles, request.cohortIds());
        if (users.findByUsernameIgnoringCase(request.username()).isPresent()) {
            throw new ConflictException("The user name is taken.");
        }
        String id = UUID.randomUUID().toString();
        users.add(new AppUser(
                id,
                callers.current().tenantId(),
                request.username(),
                PasswordHash.hash(request.password().toCharArray()),
                roles,
                null));
        if (!cohortIds.isEmpty()) {
            cohorts.assign(id, cohortIds);
        }
        return id;
    }

    public List<UserView> list() {
        return users.ofCurrentTenant().stream().map(this::view).toList();
    }

    public UserView get(String userId) {
        return view(account(userId));
    }

    /**
     * Changes an account's roles, its cohort assignments, or both (null leaves one as it is). Changed roles revoke the
     * account's tokens; an account that no longer looks after cohorts loses its assignments.
     */
    public UserView change(String userId, List<String> roleNames, List<String> cohortIds) {
        AppUser user = enabledAccount(userId);
        Set<Role> roles = roleNames == null ? user.getRoles() : grantable(roleNames);
        if (roleNames != null && isSelf(user) && !policy.permits(asCaller(user, roles), Permission.MANAGE_USERS)) {
            throw new ConflictException("An admin cannot take away their own right to manage accounts.");
        }
        Set<String> assigned;
        if (cohortIds != null) {
            assigned = assignable(roles, cohortIds);
        } else if (policy.looksAfterCohorts(roles)) {
            assigned = cohorts.assignedTo(userId);
        } else {
            assigned = Set.of();
        }
        if (roleNames != null && !roles.equals(user.getRoles())) {
            user.changeRoles(roles);
        }
        cohorts.assign(userId, assigned);
        return view(user);
    }

    /** Sets a new password that the admin hands over; the account's tokens stop working. */
    public void resetPassword(String userId, String password) {
        AppUser user = enabledAccount(userId);
        requireAcceptable("password", user.getUsername(), password);
        user.changePassword(PasswordHash.hash(password.toCharArray()));
    }

    /** The account can no longer log in and its tokens stop working; the row stays for the audit trail. */
    public void disable(String userId) {
        AppUser user = account(userId);
        if (isSelf(user)) {
            throw new ConflictException("An admin cannot disable their own account.");
        }
        user.disable(clock.instant());
    }

    /** @throws InvalidInputException naming {@code field} and the password rule that failed */
    static void requireAcceptable(String field, String username, String password) {
        PasswordPolicy.problem(username, password).ifPresent(rule -> {
            throw new InvalidInputException(field, rule);
        });
    }

    private AppUser account(String userId) {
        return users.findInCurrentTenant(userId).orElseThrow(() -> new NotFoundException("User"));
    }

    /** A disabled account stays as it was disabled: its row is the audit trail's. */
    private AppUser enabledAccount(String userId) {
        AppUser user = account(userId);
        if (user.isDisabled()) {
            throw new ConflictException("The account is disabled; it cannot be changed.");
        }
        return user;
    }

    private boolean isSelf(AppUser user) {
        return user.getId().equals(callers.current().userId());
    }

    private static Caller asCaller(AppUser user, Set<Role> roles) {
        return new Caller(user.getId(), user.getUsername(), user.getTenantId(), roles);
    }

    /** The roles named, if the calling admin may give all of them. */
    private Set<Role> grantable(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidInputException("roles", "at least one role is required");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            roles.add(Role.named(name)
                    .orElseThrow(() -> new InvalidInputException(
                            "roles", "unknown role; the roles are TENANT_ADMIN, COUNSELLOR, CLINICIAN and GUARDIAN")));
        }
        if (!policy.mayGrant(callers.current(), roles)) {
            throw ForbiddenException.because("A tenant admin gives only the roles TENANT_ADMIN, COUNSELLOR, "
                    + "CLINICIAN and GUARDIAN, to accounts of its own tenant.");
        }
        return roles;
    }

    /** The cohorts named, if they are the tenant's and the roles look after cohorts. */
    private Set<String> assignable(Set<Role> roles, List<String> cohortIds) {
        if (cohortIds == null || cohortIds.isEmpty()) {
            return Set.of();
        }
        if (!policy.looksAfterCohorts(roles)) {
            throw new InvalidInputException("cohortIds", "only counsellors and clinicians are assigned to cohorts");
        }
        Set<String> wanted = new LinkedHashSet<>(cohortIds);
        if (wanted.contains(null) || !cohorts.existing(wanted).containsAll(wanted)) {
            throw new InvalidInputException("cohortIds", "every id must be a cohort of this tenant");
        }
        return wanted;
    }

    private UserView view(AppUser u) {
        return new UserView(
                u.getId(),
                u.getUsername(),
                u.getRoles().stream().map(Enum::name).sorted().toList(),
                List.copyOf(new TreeSet<>(cohorts.assignedTo(u.getId()))),
                u.isDisabled(),
                u.getDisabledAt(),
                u.getCreatedAt());
    }
}

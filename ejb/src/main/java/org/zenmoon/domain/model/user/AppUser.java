package org.zenmoon.domain.model.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An account. Not tenant-filtered by EclipseLink on purpose: log-in happens before the tenant is
 * known, and a platform admin belongs to no tenant. Everything else reads it by id or user name only.
 */
@Entity
@Table(name = "app_user")
public class AppUser {

    /**
     * What a user name may look like: 3 to 100 letters, digits and {@code . _ @ -}, starting with a letter or
     * digit. No spaces or control characters, so that a name reads the same in every log and list.
     */
    public static final String USERNAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._@-]{2,99}";

    /** {@link #USERNAME_PATTERN} in words, for the one who chose a name that breaks it. */
    public static final String USERNAME_RULE =
            "must be 3 to 100 letters, digits or . _ @ -, starting with a letter or digit";

    @Id
    private String id;

    @Column(name = "tenant_id")
    private String tenantId;

    @Column(nullable = false, unique = true)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    private String roles;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    /** Carried by every token; raising it revokes every token issued before. */
    @Column(name = "token_version", nullable = false)
    private int tokenVersion;

    @Column(name = "disabled_at")
    private Instant disabledAt;

    protected AppUser() {}

    public AppUser(
            String id, String tenantId, String username, String passwordHash, Set<Role> roles, String displayName) {
        this.id = id;
        this.tenantId = tenantId;
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = encodeRoles(roles);
        this.displayName = displayName;
    }

    public static String encodeRoles(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    public String getId() {
        return id;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Set<Role> getRoles() {
        Set<Role> set = EnumSet.noneOf(Role.class);
        // The schema admits only known role names; anything else grants nothing rather than failing log-in.
        Arrays.stream(roles.split(","))
                .map(String::trim)
                .filter(s -> Arrays.stream(Role.values()).anyMatch(r -> r.name().equals(s)))
                .map(Role::valueOf)
                .forEach(set::add);
        return set;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public int getTokenVersion() {
        return tokenVersion;
    }

    /** Makes every token issued for this account so far useless: on log-out, a password or role change. */
    public void revokeTokens() {
        tokenVersion++;
    }

    /** A disabled account cannot log in, and its tokens stop working at once. */
    public boolean isDisabled() {
        return disabledAt != null;
    }

    public Instant getDisabledAt() {
        return disabledAt;
    }

    public void disable(Instant at) {
        if (disabledAt == null) {
            disabledAt = at;
            revokeTokens();
        }
    }

    public void changePassword(String newHash) {
        passwordHash = newHash;
        revokeTokens();
    }

    /** The same password, hashed at a higher cost: not a change the account's tokens need to know about. */
    public void rehashPassword(String strongerHash) {
        passwordHash = strongerHash;
    }

    public void changeRoles(Set<Role> newRoles) {
        roles = encodeRoles(newRoles);
        revokeTokens();
    }
}

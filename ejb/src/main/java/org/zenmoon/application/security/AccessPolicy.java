package org.zenmoon.application.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.zenmoon.domain.model.child.ChildScope;
import org.zenmoon.domain.model.cohort.CohortRepository;
import org.zenmoon.domain.model.user.Role;

/**
 * Who may do what to which child: the one place where roles mean something. Services and entry points ask it;
 * no other code looks at a role.
 *
 * <ul>
 *   <li>A tenant admin sees every child of the tenant, runs the tenant's jobs and uses the portal; manages the
 *       tenant's accounts (tenant admins, counsellors, clinicians and guardians), cohorts and children; sets the
 *       tenant's retention period and time zone.
 *   <li>A counsellor or clinician sees the children of the cohorts assigned to them and uses the portal; logs
 *       interventions and cohort events for them.
 *   <li>A guardian sees the children linked to them, and grants or withdraws consent for them.
 *   <li>A platform admin creates tenants with their first admin, runs jobs over all tenants and sees no child.
 * </ul>
 *
 * <p>A child's records as a whole (its disclosure log and its export) go to the tenant admin and to the child's
 * guardians only ({@link #recordsScope}); only the tenant admin erases a child.
 */
@ApplicationScoped
public class AccessPolicy {

    private static final Map<Role, Set<Permission>> GRANTS = new EnumMap<>(Role.class);

    static {
        GRANTS.put(Role.PLATFORM_ADMIN, EnumSet.of(Permission.RUN_JOBS, Permission.MANAGE_TENANTS));
        GRANTS.put(
                Role.TENANT_ADMIN,
                EnumSet.of(
                        Permission.READ_CHILDREN,
                        Permission.USE_PORTAL,
                        Permission.RUN_JOBS,
                        Permission.READ_DISCLOSURES,
                        Permission.EXPORT_CHILD,
                        Permission.ERASE_CHILD,
                        Permission.MANAGE_USERS,
                        Permission.MANAGE_SETTINGS,
                        Permission.LIST_COHORTS,
                        Permission.MANAGE_COHORTS,
                        Permission.MANAGE_CHILDREN,
                        Permission.LOG_INTERVENTIONS,
                        Permission.LOG_COHORT_EVENTS,
                        Permission.PAIR_DEVICES,
                        Permission.READ_MODELS,
                        Permission.ACK_ALERTS));
        Set<Permission> staff = EnumSet.of(
                Permission.READ_CHILDREN,
                Permission.USE_PORTAL,
                Permission.LIST_COHORTS,
                Permission.LOG_INTERVENTIONS,
                Permission.LOG_COHORT_EVENTS,
                Permission.PAIR_DEVICES,
                Permission.ACK_ALERTS);
        GRANTS.put(Role.COUNSELLOR, staff);
        GRANTS.put(Role.CLINICIAN, staff);
        GRANTS.put(
                Role.GUARDIAN,
                EnumSet.of(
                        Permission.READ_CHILDREN,
                        Permission.GIVE_CONSENT,
                        Permission.READ_DISCLOSURES,
                        Permission.EXPORT_CHILD,
                        Permission.PAIR_DEVICES,
                        Permission.GIVE_FEEDBACK));
        GRANTS.put(Role.DEVICE, EnumSet.of(Permission.UPLOAD_DATA));
    }

    /** The roles a tenant admin may give to accounts of its tenant. */
    private static final Set<Role> TENANT_ROLES =
            EnumSet.of(Role.TENANT_ADMIN, Role.COUNSELLOR, Role.CLINICIAN, Role.GUARDIAN);

    @Inject
    CohortRepository cohorts;

    public boolean permits(Caller caller, Permission permission) {
        return caller.roles().stream()
                .anyMatch(r -> GRANTS.getOrDefault(r, Set.of()).contains(permission));
    }

    /**
     * The children {@code caller} may see in its tenant. Staff roles take precedence over a guardian role that
     * the same account may also hold.
     */
    public ChildScope childScope(Caller caller) {
        if (caller.tenantId() == null) {
            return new ChildScope.Nobody();
        }
        Set<Role> roles = caller.roles();
        if (roles.contains(Role.TENANT_ADMIN)) {
            return new ChildScope.WholeTenant();
        }
        if (roles.contains(Role.COUNSELLOR) || roles.contains(Role.CLINICIAN)) {
            return new ChildScope.Cohorts(cohorts.assignedTo(caller.userId()));
        }
        if (roles.contains(Role.GUARDIAN)) {
            return new ChildScope.GuardianOf(caller.userId());
        }
        return new ChildScope.Nobody();
    }

    /**
     * The children whose records as a whole (disclosure log, export, erasure) {@code caller} may take: a tenant admin
     * every child of the tenant, a guardian the linked children (also when the account is staff as well), anyone
     * else none. Staff see children in their cohorts, but their records belong to the school and the family.
     */
    public ChildScope recordsScope(Caller caller) {
        if (caller.tenantId() == null) {
            return new ChildScope.Nobody();
        }
        if (caller.roles().contains(Role.TENANT_ADMIN)) {
            return new ChildScope.WholeTenant();
        }
        if (caller.roles().contains(Role.GUARDIAN)) {
            return new ChildScope.GuardianOf(caller.userId());
        }
        return new ChildScope.Nobody();
    }

    /**
     * The children whose consents {@code caller} may give or withdraw: those linked to the caller as a guardian,
     * whatever staff roles the same account also holds.
     */
    public ChildScope consentScope(Caller caller) {
        if (caller.tenantId() == null || !caller.roles().contains(Role.GUARDIAN)) {
            return new ChildScope.Nobody();
        }
        return new ChildScope.GuardianOf(caller.userId());
    }

    /**
     * Whether {@code caller} may give an account of its tenant these roles: a tenant admin gives the tenant's roles,
     * never a platform admin's or a device's. An empty set is no account at all.
     */
    public boolean mayGrant(Caller caller, Set<Role> roles) {
        return caller.tenantId() != null
                && caller.roles().contains(Role.TENANT_ADMIN)
                && !roles.isEmpty()
                && TENANT_ROLES.containsAll(roles);
    }

    /** Whether an account with these roles is assigned to cohorts (counsellors and clinicians). */
    public boolean looksAfterCohorts(Set<Role> roles) {
        return roles.contains(Role.COUNSELLOR) || roles.contains(Role.CLINICIAN);
    }

    /** Whether an account with these roles can be linked to a child as its guardian. */
    public boolean canBeGuardian(Set<Role> roles) {
        return roles.contains(Role.GUARDIAN);
    }

    /** The roles of a tenant's first account, made together with the tenant. */
    public Set<Role> firstAdminRoles() {
        return EnumSet.of(Role.TENANT_ADMIN);
    }

    /**
     * The caller a paired device's token stands for: the device (its id as the user id) in its tenant, with the one
     * role that may upload and nothing else.
     */
    public Caller deviceCaller(String deviceId, String tenantId) {
        return new Caller(deviceId, "device", tenantId, EnumSet.of(Role.DEVICE));
    }

    /** Whether an actor with these role names (as an audit row keeps them) is a paired device, which has no account. */
    public boolean isDevice(Collection<String> roleNames) {
        return roleNames.contains(Role.DEVICE.name());
    }

    /** Whether a job this caller starts covers every tenant rather than the caller's own. */
    public boolean jobsCoverAllTenants(Caller caller) {
        return caller.roles().contains(Role.PLATFORM_ADMIN);
    }
}

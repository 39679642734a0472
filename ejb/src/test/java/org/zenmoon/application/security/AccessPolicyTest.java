package org.zenmoon.application.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.child.ChildScope;
import org.zenmoon.domain.model.cohort.ChildTrend;
import org.zenmoon.domain.model.cohort.ChildWeek;
import org.zenmoon.domain.model.cohort.Cohort;
import org.zenmoon.domain.model.cohort.CohortFigures;
import org.zenmoon.domain.model.cohort.CohortRepository;
import org.zenmoon.domain.model.cohort.CohortSummary;
import org.zenmoon.domain.model.cohort.SchoolEvent;
import org.zenmoon.domain.model.user.Role;

/** The policy as a table: each role, what it may do, and which children it sees. */
class AccessPolicyTest {

    /** Staff assignments as the repository would give them; the policy reads nothing else from it. */
    static final Map<String, Set<String>> ASSIGNED = Map.of("u-couns", Set.of("oak", "birch"));

    static AccessPolicy policy() {
        AccessPolicy p = new AccessPolicy();
        p.cohorts = new CohortRepository() {
            @Override
            public List<CohortSummary> summaries(ChildScope scope) {
                return List.of();
            }

            @Override
            public Set<String> assignedTo(String userId) {
                return ASSIGNED.getOrDefault(userId, Set.of());
            }

            @Override
            public List<ChildWeek> childWeeks(String cohortId, Instant since) {
                return List.of();
            }

            @Override
            public List<ChildTrend> trends(
                    String cohortId,
                    Set<String> analysed,
                    LocalDate today,
                    org.zenmoon.domain.model.cohort.CohortDays days,
                    int recentDays,
                    int usualDays,
                    int fullNightMinutes) {
                return List.of();
            }

            @Override
            public CohortFigures figures(
                    String cohortId,
                    Set<String> analysed,
                    Instant now,
                    org.zenmoon.domain.model.cohort.CohortDays days,
                    int recentDays,
                    int usualDays,
                    int fullNightMinutes,
                    int chartDays) {
                return new CohortFigures(List.of(), List.of(), List.of());
            }

            @Override
            public void assign(String userId, Set<String> cohortIds) {}

            @Override
            public Set<String> existing(Set<String> cohortIds) {
                return Set.of();
            }

            @Override
            public boolean nameTaken(String name) {
                return false;
            }

            @Override
            public void add(Cohort cohort) {}

            @Override
            public void add(SchoolEvent event) {}
        };
        return p;
    }

    static Caller caller(String id, String tenant, Role... roles) {
        return new Caller(id, id, tenant, Set.of(roles));
    }

    @Test
    void eachRoleGetsItsPermissions() {
        AccessPolicy p = policy();
        Caller admin = caller("u-admin", "t1", Role.TENANT_ADMIN);
        Caller counsellor = caller("u-couns", "t1", Role.COUNSELLOR);
        Caller guardian = caller("u-parent", "t1", Role.GUARDIAN);
        Caller platform = caller("u-platform", null, Role.PLATFORM_ADMIN);
        Caller device = caller("u-device", "t1", Role.DEVICE);

        assertThat(Permission.values())
                .filteredOn(perm -> perm != Permission.GIVE_CONSENT
                        && perm != Permission.GIVE_FEEDBACK
                        && perm != Permission.MANAGE_TENANTS
                        && perm != Permission.UPLOAD_DATA)
                .allSatisfy(perm -> assertThat(p.permits(admin, perm)).isTrue());
        assertThat(p.permits(admin, Permission.GIVE_FEEDBACK))
                .as("👍/👎 is the family's answer, the model's reward")
                .isFalse();
        assertThat(p.permits(guardian, Permission.GIVE_FEEDBACK)).isTrue();
        assertThat(p.permits(counsellor, Permission.GIVE_FEEDBACK)).isFalse();
        assertThat(p.permits(counsellor, Permission.READ_MODELS)).isFalse();
        assertThat(p.permits(guardian, Permission.READ_MODELS)).isFalse();
        assertThat(p.permits(admin, Permission.UPLOAD_DATA))
                .as("only a device uploads")
                .isFalse();
        assertThat(p.permits(admin, Permission.GIVE_CONSENT))
                .as("consent is the guardian's")
                .isFalse();
        assertThat(p.permits(admin, Permission.MANAGE_TENANTS)).isFalse();
        assertThat(p.permits(counsellor, Permission.LOG_INTERVENTIONS)).isTrue();
        assertThat(p.permits(counsellor, Permission.MANAGE_USERS)).isFalse();
        assertThat(p.permits(admin, Permission.MANAGE_SETTINGS)).isTrue();
        assertThat(p.permits(counsellor, Permission.MANAGE_SETTINGS))
                .as("retention and time zone are the tenant admin's")
                .isFalse();
        assertThat(p.permits(caller("u-clin", "t1", Role.CLINICIAN), Permission.MANAGE_SETTINGS))
                .isFalse();
        assertThat(p.permits(guardian, Permission.MANAGE_SETTINGS)).isFalse();
        assertThat(p.permits(platform, Permission.MANAGE_SETTINGS)).isFalse();
        assertThat(p.permits(counsellor, Permission.MANAGE_CHILDREN)).isFalse();
        assertThat(p.permits(counsellor, Permission.GIVE_CONSENT)).isFalse();
        assertThat(p.permits(guardian, Permission.GIVE_CONSENT)).isTrue();
        assertThat(p.permits(guardian, Permission.LOG_INTERVENTIONS)).isFalse();
        assertThat(p.permits(platform, Permission.MANAGE_TENANTS)).isTrue();
        assertThat(p.permits(platform, Permission.MANAGE_USERS)).isFalse();
        assertThat(p.permits(counsellor, Permission.USE_PORTAL)).isTrue();
        assertThat(p.permits(counsellor, Permission.RUN_JOBS)).isFalse();
        assertThat(p.permits(guardian, Permission.READ_CHILDREN)).isTrue();
        assertThat(p.permits(guardian, Permission.USE_PORTAL)).isFalse();
        assertThat(p.permits(platform, Permission.RUN_JOBS)).isTrue();
        assertThat(p.permits(platform, Permission.READ_CHILDREN)).isFalse();
        assertThat(p.permits(guardian, Permission.PAIR_DEVICES)).isTrue();
        assertThat(p.permits(counsellor, Permission.PAIR_DEVICES)).isTrue();
        assertThat(p.permits(platform, Permission.PAIR_DEVICES)).isFalse();
        assertThat(p.permits(counsellor, Permission.ACK_ALERTS)).isTrue();
        assertThat(p.permits(caller("u-clin", "t1", Role.CLINICIAN), Permission.ACK_ALERTS))
                .isTrue();
        assertThat(p.permits(guardian, Permission.ACK_ALERTS))
                .as("acknowledging is the school's or clinic's")
                .isFalse();
        assertThat(p.permits(platform, Permission.ACK_ALERTS)).isFalse();
        assertThat(Permission.values())
                .filteredOn(perm -> p.permits(device, perm))
                .containsExactly(Permission.UPLOAD_DATA);
        assertThat(Permission.values())
                .filteredOn(perm -> p.permits(p.deviceCaller("d-1", "t1"), perm))
                .as("a device token's caller")
                .containsExactly(Permission.UPLOAD_DATA);
        assertThat(p.childScope(p.deviceCaller("d-1", "t1"))).isEqualTo(new ChildScope.Nobody());
    }

    @Test
    void eachRoleSeesItsOwnChildren() {
        AccessPolicy p = policy();
        assertThat(p.childScope(caller("u-admin", "t1", Role.TENANT_ADMIN))).isInstanceOf(ChildScope.WholeTenant.class);
        assertThat(p.childScope(caller("u-couns", "t1", Role.COUNSELLOR)))
                .isEqualTo(new ChildScope.Cohorts(Set.of("oak", "birch")));
        assertThat(p.childScope(caller("u-new", "t1", Role.CLINICIAN)))
                .as("a clinician without assignments sees nobody")
                .isEqualTo(new ChildScope.Cohorts(Set.of()));
        assertThat(p.childScope(caller("u-parent", "t1", Role.GUARDIAN)))
                .isEqualTo(new ChildScope.GuardianOf("u-parent"));
        assertThat(p.childScope(caller("u-platform", null, Role.PLATFORM_ADMIN)))
                .isInstanceOf(ChildScope.Nobody.class);
    }

    @Test
    void aCounsellorWhoIsAlsoAParentIsScopedAsStaff() {
        assertThat(policy().childScope(caller("u-couns", "t1", Role.COUNSELLOR, Role.GUARDIAN)))
                .isEqualTo(new ChildScope.Cohorts(Set.of("oak", "birch")));
    }

    @Test
    void aTenantAdminGivesOnlyTheTenantsRoles() {
        AccessPolicy p = policy();
        Caller admin = caller("u-admin", "t1", Role.TENANT_ADMIN);
        assertThat(p.mayGrant(admin, Set.of(Role.COUNSELLOR, Role.GUARDIAN))).isTrue();
        assertThat(p.mayGrant(admin, Set.of(Role.TENANT_ADMIN))).isTrue();
        assertThat(p.mayGrant(admin, Set.of(Role.PLATFORM_ADMIN))).isFalse();
        assertThat(p.mayGrant(admin, Set.of(Role.DEVICE))).isFalse();
        assertThat(p.mayGrant(admin, Set.of(Role.GUARDIAN, Role.DEVICE))).isFalse();
        assertThat(p.mayGrant(admin, Set.of())).as("an account without a role").isFalse();
        assertThat(p.mayGrant(caller("u-couns", "t1", Role.COUNSELLOR), Set.of(Role.GUARDIAN)))
                .isFalse();
        assertThat(p.mayGrant(caller("u-platform", null, Role.PLATFORM_ADMIN), Set.of(Role.GUARDIAN)))
                .as("a platform admin makes tenants' first admins only, through the tenant itself")
                .isFalse();
    }

    @Test
    void onlyAGuardianRoleGivesConsentAndOnlyForLinkedChildren() {
        AccessPolicy p = policy();
        assertThat(p.consentScope(caller("u-parent", "t1", Role.GUARDIAN)))
                .isEqualTo(new ChildScope.GuardianOf("u-parent"));
        assertThat(p.consentScope(caller("u-couns", "t1", Role.COUNSELLOR, Role.GUARDIAN)))
                .as("a counsellor who is also a parent consents for their own children only")
                .isEqualTo(new ChildScope.GuardianOf("u-couns"));
        assertThat(p.consentScope(caller("u-admin", "t1", Role.TENANT_ADMIN))).isInstanceOf(ChildScope.Nobody.class);
    }

    @Test
    void onlyPlatformAdminsRunJobsAcrossTenants() {
        AccessPolicy p = policy();
        assertThat(p.jobsCoverAllTenants(caller("u-platform", null, Role.PLATFORM_ADMIN)))
                .isTrue();
        assertThat(p.jobsCoverAllTenants(caller("u-admin", "t1", Role.TENANT_ADMIN)))
                .isFalse();
    }

    @Test
    void aChildsRecordsGoToTheTenantAdminAndItsGuardiansOnly() {
        AccessPolicy p = policy();
        Caller admin = caller("u-admin", "t1", Role.TENANT_ADMIN);
        Caller counsellor = caller("u-couns", "t1", Role.COUNSELLOR);
        Caller clinician = caller("u-clin", "t1", Role.CLINICIAN);
        Caller guardian = caller("u-parent", "t1", Role.GUARDIAN);
        for (Permission records : List.of(Permission.READ_DISCLOSURES, Permission.EXPORT_CHILD)) {
            assertThat(p.permits(admin, records)).as("admin, %s", records).isTrue();
            assertThat(p.permits(guardian, records)).as("guardian, %s", records).isTrue();
            assertThat(p.permits(counsellor, records))
                    .as("counsellor, %s", records)
                    .isFalse();
            assertThat(p.permits(clinician, records))
                    .as("clinician, %s", records)
                    .isFalse();
        }
        assertThat(p.permits(admin, Permission.ERASE_CHILD)).isTrue();
        assertThat(p.permits(guardian, Permission.ERASE_CHILD)).isFalse();
        assertThat(p.permits(counsellor, Permission.ERASE_CHILD)).isFalse();
        assertThat(p.permits(caller("u-platform", null, Role.PLATFORM_ADMIN), Permission.ERASE_CHILD))
                .isFalse();

        assertThat(p.recordsScope(admin)).isInstanceOf(ChildScope.WholeTenant.class);
        assertThat(p.recordsScope(guardian)).isEqualTo(new ChildScope.GuardianOf("u-parent"));
        assertThat(p.recordsScope(counsellor)).isInstanceOf(ChildScope.Nobody.class);
        assertThat(p.recordsScope(caller("u-couns", "t1", Role.COUNSELLOR, Role.GUARDIAN)))
                .as("staff who are also a parent take their own children's records, not their cohorts'")
                .isEqualTo(new ChildScope.GuardianOf("u-couns"));
        assertThat(p.recordsScope(caller("u-platform", null, Role.PLATFORM_ADMIN)))
                .isInstanceOf(ChildScope.Nobody.class);
    }
}

package org.zenmoon.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.zenmoon.domain.model.user.Role;

/**
 * Everything the demo generator invents apart from the epochs, which are streamed (they are millions).
 * The {@code truth} fields are what later analyses should find; they are never stored as measurements.
 */
public record DemoWorld(
        List<TenantRow> tenants,
        List<CohortRow> cohorts,
        List<UserRow> users,
        List<StaffCohortRow> staffCohorts,
        List<ChildRow> children,
        List<GuardianRow> guardians,
        List<ConsentRow> consents,
        List<EventRow> events,
        List<InterventionRow> interventions,
        LocalDate firstDay,
        LocalDate endDay) {

    public record TenantRow(String id, String name, String kind, String legalRegime, int retentionDays) {}

    public record CohortRow(String tenantId, String id, String name, String kind) {}

    public record UserRow(String id, String tenantId, String username, Set<Role> roles, String displayName) {}

    public record StaffCohortRow(String tenantId, String userId, String cohortId) {}

    /**
     * @param truthMsfHours       the child's true mid-sleep on free days, hours after midnight
     * @param truthSleepNeedHours hours of sleep the child takes when no alarm rings
     * @param truthMindfulnessEffect change in evening stress on days with a mindfulness session (0 = none)
     */
    public record ChildRow(
            String tenantId,
            String id,
            String pseudonym,
            int birthYear,
            String cohortId,
            double truthMsfHours,
            double truthSleepNeedHours,
            double truthMindfulnessEffect) {}

    public record GuardianRow(String tenantId, String childId, String userId) {}

    /** @param withdrawnAt when the guardian withdrew it, or null while it is active */
    public record ConsentRow(
            String tenantId, String id, String childId, String scope, String grantedBy, Instant withdrawnAt) {}

    public record EventRow(String tenantId, String id, String cohortId, String type, Instant start, Instant end) {}

    public record InterventionRow(
            String tenantId, String id, String childId, String type, Instant start, Instant end, String loggedBy) {}
}

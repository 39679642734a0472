package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.child.Child;
import org.zenmoon.domain.model.child.ChildRepository;
import org.zenmoon.domain.model.child.GuardianLink;
import org.zenmoon.domain.model.child.Intervention;
import org.zenmoon.domain.model.cohort.CohortRepository;
import org.zenmoon.domain.model.user.AppUser;
import org.zenmoon.domain.model.user.UserRepository;

/**
 * Registering children: the tenant admin adds a child to a cohort and links (and unlinks) its guardians' accounts; staff who
 * see a child log the interventions it had. A child outside the caller's scope does not exist for the caller.
 */
@Stateless
@TenantBound
@Audited("write")
public class ChildRegistry {

    /** A guardian account linked to a child, as the tenant admin sees it. */
    public record Guardian(String userId, String username, boolean disabled) {}

    @Inject
    ResultCache cache;

    @Inject
    ChildRepository children;

    @Inject
    CohortRepository cohorts;

    @Inject
    UserRepository users;

    @Inject
    AccessPolicy policy;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    /** @return the new child's id */
    @Requires(Permission.MANAGE_CHILDREN)
    public String create(String pseudonym, int birthYear, String cohortId) {
        if (birthYear > clock.instant().atZone(ZoneOffset.UTC).getYear()) {
            throw new InvalidInputException("birthYear", "must not lie in the future");
        }
        if (cohorts.existing(Set.of(cohortId)).isEmpty()) {
            throw new InvalidInputException("cohortId", "must be a cohort of this tenant");
        }
        if (children.pseudonymTaken(pseudonym)) {
            throw new ConflictException("A child of this tenant has this pseudonym already.");
        }
        String id = UUID.randomUUID().toString();
        children.add(new Child(id, pseudonym, birthYear, cohortId));
        cache.cohortChanged(cohortId);
        return id;
    }

    /** Links an existing guardian account of the tenant to the child, which the guardian then sees. */
    @Requires(Permission.MANAGE_CHILDREN)
    public void linkGuardian(String childId, String username) {
        Caller caller = callers.current();
        requireVisible(caller, childId);
        AppUser guardian = users.findByUsernameIgnoringCase(username)
                .filter(u -> caller.tenantId().equals(u.getTenantId()))
                .filter(u -> policy.canBeGuardian(u.getRoles()) && !u.isDisabled())
                .orElseThrow(() -> new InvalidInputException(
                        "username", "must be the user name of an active guardian account of this tenant"));
        if (children.linked(childId, guardian.getId())) {
            throw new ConflictException("This guardian is linked to the child already.");
        }
        children.link(new GuardianLink(childId, guardian.getId()));
    }

    /**
     * Removes a guardian account's link to the child: from the next request on, the guardian no longer sees the child
     * (its token answers 404 for it). A link that does not exist, or a child outside the caller's scope, is not found.
     */
    @Requires(Permission.MANAGE_CHILDREN)
    public void unlinkGuardian(String childId, String userId) {
        requireVisible(callers.current(), childId);
        if (!children.unlink(childId, userId)) {
            throw new NotFoundException("Guardian link");
        }
    }

    /** The guardian accounts linked to the child, by user name. */
    @Requires(Permission.MANAGE_CHILDREN)
    @Audited
    public List<Guardian> guardiansOf(String childId) {
        requireVisible(callers.current(), childId);
        return children.guardiansOf(childId).stream()
                .flatMap(id -> users.findInCurrentTenant(id).stream())
                .map(u -> new Guardian(u.getId(), u.getUsername(), u.isDisabled()))
                .sorted(Comparator.comparing(Guardian::username, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** @return the new intervention's id */
    @Requires(Permission.LOG_INTERVENTIONS)
    public String logIntervention(String childId, String type, Instant start, Instant end) {
        Caller caller = callers.current();
        requireVisible(caller, childId);
        Activities.requireOrdered(start, end);
        String id = UUID.randomUUID().toString();
        children.add(new Intervention(id, childId, type, start, end, caller.userId()));
        return id;
    }

    private void requireVisible(Caller caller, String childId) {
        if (children.summary(policy.childScope(caller), childId).isEmpty()) {
            throw new NotFoundException("Child");
        }
    }
}

package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.alert.AlertRepository;
import org.zenmoon.domain.model.alert.StoredAlert;
import org.zenmoon.domain.model.child.ChildRepository;
import org.zenmoon.domain.model.child.ChildSummary;
import org.zenmoon.domain.model.child.ConcernsAChild;

/**
 * The stored alerts (docs/INGEST.md, "Alerts") as people see them: a child's list, for the staff who see the child
 * and its guardians ({@link AccessPolicy#childScope}); the acknowledgement, by staff only; and what the live feed
 * needs (which children a caller watches, and one alert as that caller may see it). A child or alert outside the
 * caller's scope does not exist for the caller (404).
 */
@Stateless
@TenantBound
public class Alerts {

    /** Alerts listed when the request does not say. */
    public static final int DEFAULT_LIMIT = 100;
    /** The most alerts one list holds. */
    public static final int MAX_LIMIT = 500;

    /** How far back a staff member's inbox reaches. */
    public static final Duration INBOX_DAYS = Duration.ofDays(7);

    /** The most alerts an inbox shows. */
    public static final int INBOX_LIMIT = 200;

    /** The longest note an acknowledgement keeps, as the column holds it. */
    public static final int MAX_NOTE = 500;

    /**
     * An acknowledgement as the audit trail records it: of which alert of which child, and whether this one was
     * recorded (false when an earlier one stands, with its note).
     */
    public record Acknowledged(String childId, String alertId, boolean recorded) implements ConcernsAChild {}

    @Inject
    AlertRepository alerts;

    @Inject
    ChildRepository children;

    @Inject
    AccessPolicy policy;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    @Inject
    TenantZone zones;

    /** The child's alerts raised in {@code [from, to)} (either may be null), newest first. */
    @Requires(Permission.READ_CHILDREN)
    @Audited
    public List<AlertView> ofChild(String childId, Instant from, Instant to, Integer limit) {
        visible(childId, "Child");
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidInputException("to", "must not be before from");
        }
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be a number from 1 to " + MAX_LIMIT);
        }
        java.time.ZoneId zone = zones.current();
        return alerts.ofChild(childId, from, to, n).stream()
                .map(a -> AlertView.of(a, zone))
                .toList();
    }

    /**
     * The portal's inbox: the alerts of every child the caller sees, raised in the last {@link #INBOX_DAYS}, newest
     * first, at most {@link #INBOX_LIMIT}; audited with one row per child shown.
     */
    @Requires(Permission.USE_PORTAL)
    @Audited
    public List<InboxAlert> inbox() {
        Map<String, ChildSummary> seen = new HashMap<>();
        for (ChildSummary child : children.summaries(policy.childScope(callers.current()))) {
            seen.put(child.childId(), child);
        }
        java.time.ZoneId zone = zones.current();
        return alerts.ofChildren(seen.keySet(), clock.instant().minus(INBOX_DAYS), INBOX_LIMIT).stream()
                .map(a -> InboxAlert.of(a, seen.get(a.childId()), zone))
                .toList();
    }

    /**
     * Staff acknowledge an alert of a child they see; the first acknowledgement stands, a repeated one changes
     * nothing.
     *
     * @throws NotFoundException for an alert that does not exist or whose child the caller does not see
     */
    @Requires(Permission.ACK_ALERTS)
    @Audited("write")
    public Acknowledged acknowledge(String alertId, String note) {
        if (note != null && note.length() > MAX_NOTE) {
            throw new InvalidInputException("note", "must be a text of at most " + MAX_NOTE + " characters");
        }
        StoredAlert stored = alerts.find(alertId).orElseThrow(() -> new NotFoundException("Alert"));
        visible(stored.childId(), "Alert");
        boolean recorded = alerts.acknowledge(alertId, callers.current().userId(), clock.instant(), note);
        return new Acknowledged(stored.childId(), alertId, recorded);
    }

    /** The ids of the children whose alerts the caller may follow live: those it sees. Ids only, so not audited. */
    @Requires(Permission.READ_CHILDREN)
    public Set<String> watchedChildren() {
        return children.summaries(policy.childScope(callers.current())).stream()
                .map(ChildSummary::childId)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether the caller may follow the child's alerts live: whether it sees the child now, as
     * {@link #watchedChildren} would say. The live feed asks for a child linked after its socket opened; an answer
     * only, so not audited ({@link #pushed} audits the read that follows).
     */
    @Requires(Permission.READ_CHILDREN)
    public boolean watches(String childId) {
        return children.summary(policy.childScope(callers.current()), childId).isPresent();
    }

    /**
     * One alert as it is pushed to the caller, read now, audited as a read of the child's data.
     *
     * @throws NotFoundException when the caller no longer sees the child
     */
    @Requires(Permission.READ_CHILDREN)
    @Audited
    public AlertView pushed(String childId, String alertId) {
        visible(childId, "Child");
        return alerts.find(alertId)
                .filter(a -> a.childId().equals(childId))
                .map(a -> AlertView.of(a, zones.current()))
                .orElseThrow(() -> new NotFoundException("Alert"));
    }

    private void visible(String childId, String what) {
        if (children.summary(policy.childScope(callers.current()), childId).isEmpty()) {
            throw new NotFoundException(what);
        }
    }
}

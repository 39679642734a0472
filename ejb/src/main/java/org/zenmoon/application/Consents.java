package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.child.ChildRepository;
import org.zenmoon.domain.model.child.ChildScope;
import org.zenmoon.domain.model.consent.Consent;
import org.zenmoon.domain.model.consent.ConsentRepository;
import org.zenmoon.domain.model.consent.ConsentScope;
import org.zenmoon.domain.model.user.AppUser;
import org.zenmoon.domain.model.user.UserRepository;

/**
 * A guardian grants and withdraws consent for their own children, scope by scope; the guardian and the staff who
 * see the child read the current state. Withdrawal stops use at once ({@link ConsentCheck}) and schedules erasure
 * of what the scope covered after {@code zenmoon.consent.erasure-grace-days}, which the nightly {@code retention}
 * job carries out ({@link ChildDataLifecycle}); granting the scope again before then cancels it. Each grant records
 * the notice version, who, how and when.
 */
@Stateless
@TenantBound
public class Consents {

    /**
     * One scope's current state for a child; the figures are those of its latest consent, null if never given.
     * {@code erasedAt}: when the erasure its withdrawal scheduled was carried out (the nightly {@code retention} job).
     */
    public record ScopeState(
            String scope,
            boolean active,
            String noticeVersion,
            String method,
            String grantedBy,
            String grantedByUsername,
            Instant grantedAt,
            Instant withdrawnAt,
            String withdrawnBy,
            Instant erasureDueAt,
            Instant erasedAt) {}

    @Inject
    ResultCache cache;

    @Inject
    ConsentRepository consents;

    @Inject
    ChildRepository children;

    @Inject
    UserRepository users;

    @Inject
    AccessPolicy policy;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "zenmoon.consent.erasure-grace-days", defaultValue = "30")
    int erasureGraceDays;

    @Requires(Permission.GIVE_CONSENT)
    @Audited("write")
    public void grant(String childId, String scope, String noticeVersion, String method) {
        Caller caller = callers.current();
        requireVisible(policy.consentScope(caller), childId);
        ConsentScope s = scope(scope);
        Instant now = clock.instant();
        List<Consent> history = consents.ofChild(childId);
        for (Consent earlier : history) {
            if (earlier.getScope() != s) {
                continue;
            }
            if (earlier.isActive()) {
                earlier.replace(caller.userId(), now);
            } else if (earlier.getErasureDueAt() != null && earlier.getErasedAt() == null) {
                earlier.cancelErasure();
            }
        }
        // The earlier consent ends before the new one starts: at most one is active per child and scope.
        consents.saveChanges();
        consents.add(
                new Consent(UUID.randomUUID().toString(), childId, s, noticeVersion, method, caller.userId(), now));
        // Analysis consent decides who the cohort's summary draws on.
        cache.childChanged(childId);
    }

    @Requires(Permission.GIVE_CONSENT)
    @Audited("write")
    public void withdraw(String childId, String scope) {
        Caller caller = callers.current();
        requireVisible(policy.consentScope(caller), childId);
        ConsentScope s = ConsentScope.ofLabel(scope).orElseThrow(() -> new NotFoundException("Consent scope"));
        Consent active = consents.active(childId, s)
                .orElseThrow(() -> NotFoundException.because("The child has no active " + s.label() + " consent."));
        Instant now = clock.instant();
        active.withdraw(caller.userId(), now, now.plus(Duration.ofDays(Math.max(0, erasureGraceDays))));
        consents.saveChanges();
        cache.childChanged(childId);
    }

    /** Every scope, in the order of {@link ConsentScope}, with its latest consent. */
    @Requires(Permission.READ_CHILDREN)
    @Audited
    public List<ScopeState> current(String childId) {
        requireVisible(policy.childScope(callers.current()), childId);
        List<Consent> history = consents.ofChild(childId);
        return Arrays.stream(ConsentScope.values())
                .map(s -> history.stream()
                        .filter(k -> k.getScope() == s)
                        .findFirst()
                        .map(this::state)
                        .orElse(new ScopeState(s.label(), false, null, null, null, null, null, null, null, null, null)))
                .toList();
    }

    private ScopeState state(Consent k) {
        return new ScopeState(
                k.getScope().label(),
                k.isActive(),
                k.getNoticeVersion(),
                k.getMethod(),
                k.getGrantedBy(),
                users.findById(k.getGrantedBy()).map(AppUser::getUsername).orElse(null),
                k.getGrantedAt(),
                k.getWithdrawnAt(),
                k.getWithdrawnBy(),
                k.getErasureDueAt(),
                k.getErasedAt());
    }

    private void requireVisible(ChildScope scope, String childId) {
        if (children.summary(scope, childId).isEmpty()) {
            throw new NotFoundException("Child");
        }
    }

    private static ConsentScope scope(String label) {
        return ConsentScope.ofLabel(label)
                .orElseThrow(() -> new InvalidInputException(
                        "scope", "must be one of collection, analysis, model_training, clinic_sharing"));
    }
}

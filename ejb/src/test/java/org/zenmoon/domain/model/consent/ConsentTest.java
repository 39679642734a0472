package org.zenmoon.domain.model.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which withdrawn consents' erasures the retention job carries out on a given night. */
class ConsentTest {

    static final Instant NOW = Instant.parse("2026-12-03T02:30:00Z");

    static Consent granted(ConsentScope scope, Instant at) {
        return new Consent(scope.label() + "-" + at, "child-1", scope, "2026-01", "app", "parent-1", at);
    }

    static Consent withdrawn(ConsentScope scope, Instant due) {
        Consent k = granted(scope, due.minus(Duration.ofDays(60)));
        k.withdraw("parent-1", due.minus(Duration.ofDays(30)), due);
        return k;
    }

    @Test
    void anErasureIsDueOnceItsGracePeriodIsOverAndOnlyUntilItIsCarriedOut() {
        Consent collection = withdrawn(ConsentScope.COLLECTION, NOW.minusSeconds(60));
        Consent analysis = withdrawn(ConsentScope.ANALYSIS, NOW.plusSeconds(60));
        List<Consent> history = List.of(collection, analysis);

        assertThat(Consent.erasuresDue(history, NOW)).containsExactly(ConsentScope.COLLECTION);
        assertThat(Consent.erasuresDue(history, NOW.plusSeconds(61)))
                .containsExactly(ConsentScope.COLLECTION, ConsentScope.ANALYSIS);

        collection.erased(NOW);
        assertThat(Consent.erasuresDue(history, NOW)).isEmpty();
        assertThat(collection.getErasedAt()).isEqualTo(NOW);
    }

    @Test
    void aScopeGrantedAgainIsNotErasedWhateverItsOlderConsentsSay() {
        Consent old = withdrawn(ConsentScope.COLLECTION, NOW.minusSeconds(60));
        Consent again = granted(ConsentScope.COLLECTION, NOW.minus(Duration.ofDays(1)));

        assertThat(Consent.erasuresDue(List.of(again, old), NOW)).isEmpty();
    }

    @Test
    void aReplacedOrCancelledConsentSchedulesNothing() {
        Consent replaced = granted(ConsentScope.ANALYSIS, NOW.minus(Duration.ofDays(90)));
        replaced.replace("parent-1", NOW.minus(Duration.ofDays(60)));
        Consent cancelled = withdrawn(ConsentScope.MODEL_TRAINING, NOW.minusSeconds(60));
        cancelled.cancelErasure();

        assertThat(Consent.erasuresDue(List.of(replaced, cancelled), NOW)).isEmpty();
    }
}

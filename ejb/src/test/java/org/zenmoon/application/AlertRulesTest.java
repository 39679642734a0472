package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.alert.Alert;
import org.zenmoon.domain.model.alert.AlertRaised;
import org.zenmoon.domain.model.alert.AlertRepository;
import org.zenmoon.domain.model.alert.StoredAlert;
import org.zenmoon.domain.model.epoch.EpochRecord;

/** The alert rules on an upload's new minutes: what raises an alert, what does not, and that nothing is raised twice. */
class AlertRulesTest {

    static final Instant START = Instant.parse("2026-11-30T14:00:00Z");

    /** The alert table's uniqueness (child, kind, start) and a fixed baseline, in memory. */
    static final class Store implements AlertRepository {
        final Set<String> keys = new HashSet<>();
        final List<Alert> alerts = new ArrayList<>();
        Optional<Baseline> baseline = Optional.empty();

        @Override
        public boolean raise(Alert a) {
            if (!keys.add(a.childId() + a.kind() + a.startedAt())) {
                return false;
            }
            alerts.add(a);
            return true;
        }

        @Override
        public Optional<Baseline> stressBaseline(String childId, Instant from, Instant to) {
            return baseline;
        }

        @Override
        public List<StoredAlert> ofChild(String childId, Instant from, Instant to, int limit) {
            throw new UnsupportedOperationException("the rules only raise alerts");
        }

        @Override
        public List<StoredAlert> ofChildren(Collection<String> childIds, Instant from, int limit) {
            throw new UnsupportedOperationException("the rules only raise alerts");
        }

        @Override
        public Optional<StoredAlert> find(String alertId) {
            throw new UnsupportedOperationException("the rules only raise alerts");
        }

        @Override
        public boolean acknowledge(String alertId, String userId, Instant at, String note) {
            throw new UnsupportedOperationException("the rules only raise alerts");
        }
    }

    /** Records what is fired; nothing else of the interface is used by the rules. */
    static final class Fired implements Event<AlertRaised> {
        final List<AlertRaised> events = new ArrayList<>();

        @Override
        public void fire(AlertRaised event) {
            events.add(event);
        }

        @Override
        public <U extends AlertRaised> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends AlertRaised> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<AlertRaised> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends AlertRaised> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends AlertRaised> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }

    final Store store = new Store();
    final Fired fired = new Fired();

    AlertRules rules() {
        AlertRules r = new AlertRules();
        r.alerts = store;
        r.raised = fired;
        r.clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        r.anomalyThreshold = 0.8;
        r.anomalyMinutes = 5;
        r.stressFloor = 0.6;
        r.stressMinutes = 30;
        r.stressSd = 2.0;
        r.baselineDays = 14;
        return r;
    }

    static EpochRecord minute(int i, Float stress, Float anomaly) {
        return new EpochRecord(
                START.plusSeconds(60L * i), 80f, 40f, 1f, 10, stress, "WAKE", 0.9f, 0, true, anomaly, null);
    }

    static List<EpochRecord> minutes(int from, int count, Float stress, Float anomaly) {
        List<EpochRecord> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(minute(i, stress, anomaly));
        }
        return out;
    }

    @Test
    void fiveAnomalousMinutesInARowRaiseOneDeviceAlert() {
        List<EpochRecord> batch = new ArrayList<>(minutes(0, 10, 0.2f, 0.1f));
        batch.addAll(minutes(10, 6, 0.2f, 0.93f));
        batch.addAll(minutes(16, 4, 0.2f, 0.1f));
        List<Alert> raised = rules().check("t1", "c1", batch);
        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Alert.DEVICE_ANOMALY);
            assertThat(a.startedAt()).isEqualTo(START.plusSeconds(600));
            assertThat(a.endedAt()).isEqualTo(START.plusSeconds(15 * 60));
            assertThat(a.value()).isCloseTo(0.93, org.assertj.core.data.Offset.offset(1e-6));
        });
        assertThat(fired.events)
                .extracting(e -> e.alert().id())
                .containsExactly(raised.get(0).id());
        assertThat(fired.events.get(0).tenantId()).isEqualTo("t1");
    }

    @Test
    void fourAnomalousMinutesOrAGapDoNotRaiseOne() {
        List<EpochRecord> batch = new ArrayList<>(minutes(0, 4, 0.2f, 0.95f));
        batch.addAll(minutes(5, 4, 0.2f, 0.95f)); // minute 4 is missing: two runs of four
        assertThat(rules().check("t1", "c1", batch)).isEmpty();
        assertThat(fired.events).isEmpty();
    }

    @Test
    void theSameBatchAgainRaisesNothingTwice() {
        List<EpochRecord> batch = minutes(0, 6, 0.2f, 0.9f);
        assertThat(rules().check("t1", "c1", batch)).hasSize(1);
        assertThat(rules().check("t1", "c1", batch)).isEmpty();
        assertThat(store.alerts).hasSize(1);
        assertThat(fired.events).hasSize(1);
    }

    @Test
    void stressAboveTheChildsOwnBaselineForHalfAnHourRaisesAnAlert() {
        store.baseline = Optional.of(new AlertRepository.Baseline(0.35, 0.1, 14 * 1440));
        List<Alert> raised = rules().check("t1", "c1", minutes(0, 40, 0.7f, null));
        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Alert.SUSTAINED_STRESS);
            assertThat(a.threshold()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(a.value()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(Double.isFinite(a.value())).isTrue();
        });
    }

    @Test
    void stressThatIsUsualForTheChildOrTooShortOrWithoutABaselineRaisesNothing() {
        store.baseline = Optional.of(new AlertRepository.Baseline(0.6, 0.1, 14 * 1440));
        assertThat(rules().check("t1", "c1", minutes(0, 40, 0.7f, null)))
                .as("0.7 is within two SD of this child's usual 0.6")
                .isEmpty();
        store.baseline = Optional.of(new AlertRepository.Baseline(0.3, 0.05, 14 * 1440));
        assertThat(rules().check("t1", "c1", minutes(100, 29, 0.9f, null)))
                .as("29 minutes is not sustained")
                .isEmpty();
        store.baseline = Optional.of(new AlertRepository.Baseline(0.3, 0.05, 600));
        assertThat(rules().check("t1", "c1", minutes(200, 60, 0.9f, null)))
                .as("ten hours of history is no baseline")
                .isEmpty();
        assertThat(fired.events).isEmpty();
    }

    @Test
    void runsFollowConsecutiveMinutesOnly() {
        List<EpochRecord> batch = new ArrayList<>(minutes(0, 3, 0.9f, null));
        batch.add(minute(3, null, null));
        batch.addAll(minutes(4, 2, 0.9f, null));
        assertThat(AlertRules.runs(batch, EpochRecord::stress, 0.6))
                .extracting(AlertRules.Run::minutes)
                .containsExactly(3, 2);
    }
}

package org.zenmoon.application;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.zenmoon.domain.model.alert.Alert;
import org.zenmoon.domain.model.alert.AlertRaised;
import org.zenmoon.domain.model.alert.AlertRepository;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * The alert rules, run on each upload's new minutes inside the upload's transaction (docs/INGEST.md, "Alerts"):
 * <ul>
 *   <li><b>device anomaly</b>: the wearable's anomaly score at or above {@code zenmoon.alerts.anomaly-threshold} for
 *       {@code zenmoon.alerts.anomaly-minutes} consecutive minutes;
 *   <li><b>sustained stress</b>: stress at or above {@code zenmoon.alerts.stress-floor} for
 *       {@code zenmoon.alerts.stress-minutes} consecutive minutes, whose mean lies more than
 *       {@code zenmoon.alerts.stress-sd} standard deviations above the child's own mean over the
 *       {@code zenmoon.alerts.baseline-days} before it. A child with less than a day of stress data in that time has
 *       no baseline yet and gets no stress alert.
 * </ul>
 * An alert is stored once per child, kind and start (a resent batch raises nothing twice) and announced with
 * {@link AlertRaised}. Package-private: reachable only through {@link Ingestion}.
 */
@Dependent
class AlertRules {

    /** Consecutive minutes: the next one starts at most this long after the previous one. */
    private static final Duration STEP = Duration.ofMinutes(1);

    private static final long MINUTES_FOR_A_BASELINE = 24 * 60;

    @Inject
    AlertRepository alerts;

    @Inject
    Event<AlertRaised> raised;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "zenmoon.alerts.anomaly-threshold", defaultValue = "0.8")
    double anomalyThreshold;

    @Inject
    @ConfigProperty(name = "zenmoon.alerts.anomaly-minutes", defaultValue = "5")
    int anomalyMinutes;

    @Inject
    @ConfigProperty(name = "zenmoon.alerts.stress-floor", defaultValue = "0.6")
    double stressFloor;

    @Inject
    @ConfigProperty(name = "zenmoon.alerts.stress-minutes", defaultValue = "30")
    int stressMinutes;

    @Inject
    @ConfigProperty(name = "zenmoon.alerts.stress-sd", defaultValue = "2.0")
    double stressSd;

    @Inject
    @ConfigProperty(name = "zenmoon.alerts.baseline-days", defaultValue = "14")
    int baselineDays;

    /** A run of consecutive minutes whose measure passed a floor: its first and last minute, mean and highest. */
    record Run(Instant start, Instant end, double mean, double max, int minutes) {}

    /** Raises the alerts that the child's new minutes call for. @return the alerts stored now */
    List<Alert> check(String tenantId, String childId, List<EpochRecord> fresh) {
        if (fresh.isEmpty()) {
            return List.of();
        }
        List<EpochRecord> inOrder =
                fresh.stream().sorted(Comparator.comparing(EpochRecord::t)).toList();
        Instant now = clock.instant();
        List<Alert> stored = new ArrayList<>();
        for (Run run : runs(inOrder, EpochRecord::anomaly, anomalyThreshold)) {
            if (run.minutes() >= anomalyMinutes) {
                store(
                                tenantId,
                                new Alert(
                                        id(),
                                        childId,
                                        Alert.DEVICE_ANOMALY,
                                        run.start(),
                                        run.end(),
                                        now,
                                        run.max(),
                                        anomalyThreshold))
                        .ifPresent(stored::add);
            }
        }
        for (Run run : runs(inOrder, EpochRecord::stress, stressFloor)) {
            if (run.minutes() < stressMinutes) {
                continue;
            }
            Optional<AlertRepository.Baseline> baseline =
                    alerts.stressBaseline(childId, run.start().minus(Duration.ofDays(baselineDays)), run.start());
            if (baseline.isEmpty() || baseline.get().minutes() < MINUTES_FOR_A_BASELINE) {
                continue;
            }
            double threshold = Math.max(
                    stressFloor,
                    baseline.get().mean() + stressSd * baseline.get().sd());
            if (run.mean() > threshold) {
                store(
                                tenantId,
                                new Alert(
                                        id(),
                                        childId,
                                        Alert.SUSTAINED_STRESS,
                                        run.start(),
                                        run.end(),
                                        now,
                                        run.mean(),
                                        threshold))
                        .ifPresent(stored::add);
            }
        }
        return stored;
    }

    private Optional<Alert> store(String tenantId, Alert alert) {
        if (!alerts.raise(alert)) {
            return Optional.empty();
        }
        raised.fire(new AlertRaised(tenantId, alert));
        return Optional.of(alert);
    }

    /** The runs of consecutive minutes (in time order) whose measure is at or above {@code floor}. */
    static List<Run> runs(List<EpochRecord> inOrder, Function<EpochRecord, Float> measure, double floor) {
        List<Run> runs = new ArrayList<>();
        Instant start = null;
        Instant last = null;
        double sum = 0;
        double max = 0;
        int n = 0;
        for (EpochRecord e : inOrder) {
            Float v = measure.apply(e);
            boolean above = v != null && Float.isFinite(v) && v >= floor;
            boolean continues = last != null && !e.t().isAfter(last.plus(STEP));
            if (n > 0 && (!above || !continues)) {
                runs.add(new Run(start, last, sum / n, max, n));
                n = 0;
            }
            if (above) {
                if (n == 0) {
                    start = e.t();
                    sum = 0;
                    max = v;
                }
                sum += v;
                max = Math.max(max, v);
                n++;
            }
            last = e.t();
        }
        if (n > 0) {
            runs.add(new Run(start, last, sum / n, max, n));
        }
        return runs;
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}

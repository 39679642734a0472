package org.zenmoon.application;

import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.zenmoon.analysis.sleep.SleepEpisode;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.analysis.AnalysisResultRepository.ResultKey;
import org.zenmoon.domain.model.child.DetectedSleep;

/**
 * The {@code sleep-detection} job's analysis: a child's last 60 days of epochs, scored sleep or wake minute by
 * minute (docs/analyses/sleep-chronotype.md), become sleep episodes stored with source {@code detected}, replacing
 * those detected before over the same span; a {@code sleep} result sums them up (episodes, nights, mean hours).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
@LocalBean
@Local(ChildAnalysis.class)
@TenantBound
@Requires(Permission.RUN_JOBS)
public class SleepDetection implements ChildAnalysis {

    public static final String JOB = "sleep-detection";
    static final String KIND = "sleep";

    @Inject
    ChildData data;

    @Inject
    Clock clock;

    @Inject
    TenantZone zones;

    @Override
    public String jobName() {
        return JOB;
    }

    @Override
    @Audited("analysis")
    public ChildOutput analyse(String childId) {
        return analyse(childId, data.recent(childId));
    }

    /**
     * The same analysis of epochs read already (the consent checked), in the caller's transaction: {@link
     * AllAnalyses} reads them once for all four.
     */
    @Audited("analysis")
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public ChildOutput analyse(String childId, ChildData.Recent recent) {
        Instant now = clock.instant();
        // The nights (noon to noon) are the tenant's local ones.
        ZoneId zone = zones.current();
        String period = ChildData.period(now, zone);
        if (recent.isEmpty()) {
            return ChildOutput.of(childId, result(childId, now, period, List.of(), 0))
                    .read(recent.readNanos());
        }
        List<SleepEpisode> episodes = ChildData.engine("sleep scoring", () -> recent.episodes(zone));
        long days = Math.max(
                1, java.time.Duration.between(recent.from(), recent.to()).toDays());
        DetectedSleep sleep = new DetectedSleep(
                childId,
                recent.from(),
                recent.to(),
                episodes.stream()
                        .map(e -> new DetectedSleep.Span(e.onset(), e.wake()))
                        .toList());
        return new ChildOutput(
                        childId, List.of(result(childId, now, period, episodes, (int) days)), sleep, null, null, 0)
                .read(recent.readNanos());
    }

    private static ChildOutput.Result result(
            String childId, Instant now, String period, List<SleepEpisode> episodes, int days) {
        List<SleepEpisode> main = episodes.stream()
                .filter(e -> e.kind() == SleepEpisode.Kind.MAIN)
                .toList();
        var json = Json.createObjectBuilder()
                .add("status", main.isEmpty() ? "insufficient_data" : "ok")
                .add("episodes", episodes.size())
                .add("nights", main.size())
                .add("days", days)
                .add("computedAt", now.toString());
        if (!main.isEmpty()) {
            double hours =
                    main.stream().mapToInt(SleepEpisode::sleepMinutes).average().orElseThrow() / 60.0;
            json.add("meanSleepHours", Math.round(hours * 100) / 100.0);
        }
        return new ChildOutput.Result(
                ResultKey.ofChild(childId, KIND, period), json.build().toString(), now);
    }
}

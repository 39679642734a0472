package org.zenmoon.application;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.zenmoon.analysis.chronotype.Chronotype;
import org.zenmoon.analysis.chronotype.ChronotypeAnalysis;
import org.zenmoon.analysis.epoch.WearableEpoch;
import org.zenmoon.analysis.sleep.SleepEpisode;
import org.zenmoon.analysis.sleep.SleepEpisodeBuilder;
import org.zenmoon.analysis.sleep.WearableSleepScorer;
import org.zenmoon.domain.model.epoch.EpochRepository;

/**
 * A child's chronotype from its recent wearable epochs: sleep and wake scored from activity and heart rate,
 * nightly episodes built, and MSFsc computed over school and free nights (docs/analyses/sleep-chronotype.md).
 * Runs inside the calling service's transaction, whose tenant and access are already settled: package-private, so
 * that only those services reach it.
 */
@Dependent
class ChronotypeComputation {

    /** Enough for the 14 nights with 4 free ones that the analysis needs, with room for gaps. */
    static final Duration WINDOW = Duration.ofDays(60);

    @Inject
    EpochRepository epochs;

    @Inject
    TenantZone zones;

    /** The chronotype from the child's last 60 days of epochs, with the child's age as of {@code now}. */
    Chronotype analyse(String childId, int birthYear, Instant now) {
        // The latest epoch anchors the window, so that a device that stopped sending still has its history used.
        List<WearableEpoch> recent = epochs.latest(childId)
                .map(last -> epochs.wearableEpochs(childId, last.minus(WINDOW)))
                .orElse(List.of());
        ZoneId zone = zones.current();
        return analyse(
                SleepEpisodeBuilder.defaults(zone).build(WearableSleepScorer.DEFAULT.score(recent)),
                birthYear,
                now,
                zone);
    }

    /**
     * The chronotype from epochs the job read once for all it computes, in the local time of the caller's tenant
     * ({@link TenantZone}): the nights, their clock times and which of them are free (weekends) are the tenant's, so
     * a school in New York gets its children's mid-sleep in New York time.
     */
    Chronotype analyse(ChildData.Recent recent, int birthYear, Instant now) {
        ZoneId zone = zones.current();
        return analyse(recent.episodes(zone), birthYear, now, zone);
    }

    static Chronotype analyse(List<SleepEpisode> episodes, int birthYear, Instant now, ZoneId zone) {
        double age = now.atZone(zone).getYear() - birthYear + 0.5;
        return ChronotypeAnalysis.defaults(zone).analyseEpisodes(episodes, age);
    }
}

package org.zenmoon.application;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import org.zenmoon.analysis.epoch.WearableEpoch;
import org.zenmoon.analysis.sleep.SleepEpisode;
import org.zenmoon.analysis.sleep.SleepEpisodeBuilder;
import org.zenmoon.analysis.sleep.WearableSleepScorer;
import org.zenmoon.domain.model.consent.ConsentScope;
import org.zenmoon.domain.model.epoch.EpochRepository;

/**
 * What every analysis job reads first for a child, inside the calling service's transaction (its tenant and access
 * are settled): the consent check, and the child's last {@link #WINDOW} of epochs, anchored at the latest epoch so
 * that a device that stopped sending still has its history used.
 */
@Dependent
public class ChildData {

    /** Enough for the 14 nights with 4 free ones that the chronotype needs, and 8 weeks of days for the effects. */
    static final Duration WINDOW = Duration.ofDays(60);

    @Inject
    EpochRepository epochs;

    @Inject
    ConsentCheck consent;

    /**
     * A child's recent epochs: {@code to} is just after the latest one; empty when the child has none. The sleep
     * episodes scored from them are worked out once, on first use, and shared by every analysis given the same
     * epochs ({@link AllAnalyses} hands one {@code Recent} to each in turn).
     */
    public static final class Recent {
        private final Instant from;
        private final Instant to;
        private final List<WearableEpoch> epochs;
        private final long readNanos;
        private ZoneId episodesZone;
        private List<SleepEpisode> episodes;

        Recent(Instant from, Instant to, List<WearableEpoch> epochs, long readNanos) {
            this.from = from;
            this.to = to;
            this.epochs = epochs;
            this.readNanos = readNanos;
        }

        Instant from() {
            return from;
        }

        Instant to() {
            return to;
        }

        List<WearableEpoch> epochs() {
            return epochs;
        }

        long readNanos() {
            return readNanos;
        }

        boolean isEmpty() {
            return epochs.isEmpty();
        }

        /**
         * The sleep episodes of these epochs in the tenant's {@code zone}: each minute scored sleep or wake, nights
         * (noon to noon, local) built from them (docs/analyses/sleep-chronotype.md). Computed on the first call.
         */
        synchronized List<SleepEpisode> episodes(ZoneId zone) {
            if (episodes == null || !zone.equals(episodesZone)) {
                episodes = SleepEpisodeBuilder.defaults(zone).build(WearableSleepScorer.DEFAULT.score(epochs));
                episodesZone = zone;
            }
            return episodes;
        }
    }

    /** @throws ChildSkipped when the child's analysis consent was withdrawn since the run started */
    Recent recent(String childId) {
        if (!consent.isActive(childId, ConsentScope.ANALYSIS)) {
            throw new ChildSkipped("analysis consent is no longer active");
        }
        long started = System.nanoTime();
        return epochs.latest(childId)
                .map(last -> {
                    Instant from = last.minus(WINDOW);
                    List<WearableEpoch> read = epochs.wearableEpochs(childId, from);
                    return new Recent(from, last.plusSeconds(60), read, System.nanoTime() - started);
                })
                .orElseGet(() -> new Recent(null, null, List.of(), System.nanoTime() - started));
    }

    /**
     * The period a result computed now covers: the day of the run in the tenant's zone (a second run that day
     * replaces it).
     */
    static String period(Instant now, ZoneId zone) {
        return now.atZone(zone).toLocalDate().toString();
    }

    /**
     * Runs an engine on one child's data; an engine that refuses the data (an exception) makes the child skipped with
     * the reason, instead of failing the chunk.
     */
    static <T> T engine(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw new ChildSkipped(what + " failed: " + e.getClass().getSimpleName(), e);
        }
    }
}

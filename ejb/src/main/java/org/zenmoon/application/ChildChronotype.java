package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.zenmoon.analysis.chronotype.Chronotype;
import org.zenmoon.analysis.chronotype.ChronotypeAnalysis;
import org.zenmoon.analysis.sleep.SleepEpisodeBuilder;
import org.zenmoon.analysis.sleep.WearableEpoch;
import org.zenmoon.analysis.sleep.WearableSleepScorer;

/**
 * A child's chronotype from its recent wearable epochs: sleep and wake scored from activity and heart rate,
 * nightly episodes built, and MSFsc computed over school and free nights (docs/analyses/sleep-chronotype.md).
 * Computed on request from the stored epochs; the batch job that stores results comes later.
 */
@Stateless
@TenantBound
@Audited
public class ChildChronotype {

    /** Enough for the 14 nights with 4 free ones that the analysis needs, with room for gaps. */
    static final Duration WINDOW = Duration.ofDays(60);

    static final String METHOD = "Sadeh (1994) on activity counts with a heart-rate check, Tudor-Locke episodes, "
            + "MCTQ MSFsc over school and free nights (weekends free), age-dependent categories";

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Inject
    ChildDirectory directory;

    private final Clock clock = Clock.systemUTC();

    public ChronotypeView of(String childId) {
        ChildView child = directory.find(childId);
        return compute(em, childId, child.birthYear(), clock.instant());
    }

    /**
     * The computation itself, for callers that have scoped {@code em} to the child's tenant already (this
     * class through {@link TenantBound}, the chronotype job through its job parameters).
     */
    static ChronotypeView compute(EntityManager em, String childId, int birthYear, Instant now) {
        // The latest epoch anchors the window, so that a device that stopped sending still has its history used.
        Instant last = em.createQuery("SELECT e.t FROM Epoch e WHERE e.childId = :c ORDER BY e.t DESC", Instant.class)
                .setParameter("c", childId)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .orElse(null);
        List<WearableEpoch> epochs = last == null
                ? List.of()
                : em.createQuery(
                                "SELECT e.t, e.activity, e.hr FROM Epoch e WHERE e.childId = :c AND e.t > :from ORDER BY e.t",
                                Object[].class)
                        .setParameter("c", childId)
                        .setParameter("from", last.minus(WINDOW))
                        .getResultStream()
                        .map(r -> new WearableEpoch((Instant) r[0], number(r[1]), number(r[2])))
                        .toList();
        var episodes = SleepEpisodeBuilder.defaults(ZoneOffset.UTC).build(WearableSleepScorer.DEFAULT.score(epochs));
        double age = now.atZone(ZoneOffset.UTC).getYear() - birthYear + 0.5;
        Chronotype c = ChronotypeAnalysis.defaults(ZoneOffset.UTC).analyseEpisodes(episodes, age);
        boolean ok = c.status() == Chronotype.Status.OK;
        return new ChronotypeView(
                c.status().label(),
                c.reason(),
                ok ? clockTime(c.msfSc()) : null,
                ok && c.category() != null ? c.category().label() : null,
                ok && c.socialJetlag() != null ? Math.round(c.socialJetlag()) : null,
                ok ? duration(c.sleepDurationSchoolDays()) : null,
                ok ? duration(c.sleepDurationFreeDays()) : null,
                c.nights(),
                c.schoolNights(),
                c.freeNights(),
                METHOD,
                now);
    }

    private static Double number(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    static String clockTime(Double minutes) {
        if (minutes == null) {
            return null;
        }
        long m = Math.floorMod(Math.round(minutes), 1440);
        return String.format("%02d:%02d", m / 60, m % 60);
    }

    static String duration(Double minutes) {
        return minutes == null ? null : Duration.ofMinutes(Math.round(minutes)).toString();
    }
}

package org.zenmoon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.causal.CausalEstimate;
import org.zenmoon.analysis.causal.CausalSettings;
import org.zenmoon.analysis.causal.DailyObservation;
import org.zenmoon.analysis.causal.DailyOutcome;
import org.zenmoon.analysis.causal.DailyRecords;
import org.zenmoon.analysis.causal.InterventionDesigns;
import org.zenmoon.analysis.causal.Verdict;
import org.zenmoon.analysis.chronotype.Chronotype;
import org.zenmoon.analysis.chronotype.ChronotypeAnalysis;
import org.zenmoon.analysis.chronotype.ChronotypeCategory;
import org.zenmoon.analysis.chronotype.ClockMinutes;
import org.zenmoon.analysis.epoch.WearableEpoch;
import org.zenmoon.analysis.sleep.SleepEpisode;
import org.zenmoon.analysis.sleep.SleepEpisodeBuilder;
import org.zenmoon.analysis.sleep.WearableSleepScorer;
import org.zenmoon.demo.DemoWorld.ChildRow;

/**
 * The whole analysis chain, without a server, finds what the demo generator planted (issue #13's acceptance
 * targets): each child's minutes are scored for sleep, built into episodes and a chronotype, and turned into daily
 * records for the two causal designs. The engines run with their defaults, as the jobs run them; nothing here was
 * tuned to these results.
 */
class PlantedTruthsTest {

    /** The launcher's default seed ({@code zenmoon.demo.seed}); the launcher's end day is today, any fixed one does. */
    static final long SEED = 20261127L;

    static final LocalDate END = LocalDate.of(2026, 11, 27);
    static final ZoneOffset ZONE = ZoneOffset.UTC;
    static final CausalSettings SETTINGS = CausalSettings.defaults();

    record ChildResult(
            ChildRow child,
            double age,
            Chronotype chronotype,
            Map<String, List<DailyObservation>> days,
            Map<String, CausalEstimate> withinChild) {}

    static DemoWorld world;
    static List<ChildResult> results;
    static Map<String, CausalEstimate> cohort;
    static long millis;

    @BeforeAll
    static void analyse() {
        long started = System.nanoTime();
        DemoDataGenerator gen = new DemoDataGenerator(SEED, END);
        world = gen.world();
        results = world.children().parallelStream().map(c -> analyse(gen, c)).toList();
        cohort = new ConcurrentHashMap<>();
        List.of(DemoDataGenerator.MINDFULNESS, DemoDataGenerator.SCREEN_FREE_EVENING).parallelStream()
                .forEach(type -> cohort.put(
                        type,
                        InterventionDesigns.acrossCohort(
                                results.stream()
                                        .flatMap(r -> r.days().get(type).stream())
                                        .toList(),
                                DailyOutcome.EVENING_STRESS,
                                SETTINGS)));
        millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("PlantedTruthsTest: %d children analysed in %.1f s%n", results.size(), millis / 1000.0);
    }

    static ChildResult analyse(DemoDataGenerator gen, ChildRow c) {
        List<WearableEpoch> epochs = new ArrayList<>(90_000);
        // The device's own sleep state is left out (null), so the scorer decides, as for a device that sends none.
        gen.epochsOf(
                c,
                (t, hr, rmssd, eda, activity, stress, asleep, quality) ->
                        epochs.add(new WearableEpoch(t, (double) activity, (double) hr, (double) stress, null)));
        List<SleepEpisode> episodes =
                SleepEpisodeBuilder.defaults(ZONE).build(WearableSleepScorer.DEFAULT.score(epochs));
        double age = END.getYear() - c.birthYear() + 0.5; // as ChronotypeComputation computes it
        Chronotype chronotype = ChronotypeAnalysis.defaults(ZONE).analyseEpisodes(episodes, age);
        Set<LocalDate> exams = world.events().stream()
                .filter(e -> e.cohortId().equals(c.cohortId()))
                .map(e -> e.start().atZone(ZONE).toLocalDate())
                .collect(Collectors.toSet());
        Map<String, List<DailyObservation>> days = new ConcurrentHashMap<>();
        Map<String, CausalEstimate> within = new ConcurrentHashMap<>();
        for (String type : List.of(DemoDataGenerator.MINDFULNESS, DemoDataGenerator.SCREEN_FREE_EVENING)) {
            Set<LocalDate> treated = world.interventions().stream()
                    .filter(i -> i.childId().equals(c.id()) && i.type().equals(type))
                    .map(i -> i.start().atZone(ZONE).toLocalDate())
                    .collect(Collectors.toSet());
            List<DailyObservation> d = DailyRecords.of(c.id(), epochs, episodes, treated, exams, ZONE);
            days.put(type, d);
            // A child never offered the intervention (or given it every day) has nothing to compare.
            if (d.stream().anyMatch(DailyObservation::treated) && d.stream().anyMatch(o -> !o.treated())) {
                within.put(type, InterventionDesigns.withinChild(d, DailyOutcome.EVENING_STRESS, SETTINGS));
            }
        }
        return new ChildResult(c, age, chronotype, days, within);
    }

    static boolean responder(ChildRow c) {
        return c.truthMindfulnessEffect() < 0;
    }

    /** The child's within-child verdict, or null when the child had no such days to compare. */
    static Verdict within(ChildResult r, String type) {
        CausalEstimate e = r.withinChild().get(type);
        return e == null ? null : e.verdict();
    }

    static boolean hadSessions(ChildResult r) {
        return r.days().get(DemoDataGenerator.MINDFULNESS).stream().anyMatch(DailyObservation::treated);
    }

    /** The signed clock difference in minutes, measured minus planted, the short way round midnight. */
    static double clockError(double measuredMinutes, double plantedHours) {
        return ClockMinutes.wrap(measuredMinutes - plantedHours * 60 + 720) - 720;
    }

    static List<ChildResult> withChronotype() {
        return results.stream()
                .filter(r -> r.chronotype().status() == Chronotype.Status.OK)
                .toList();
    }

    @Test
    void msfScIsWithinTwentyMinutesOfThePlantedMsfSc() {
        List<ChildResult> computed = withChronotype();
        double mae = computed.stream()
                .mapToDouble(
                        r -> Math.abs(clockError(r.chronotype().msfSc(), DemoDataGenerator.truthMsfScHours(r.child()))))
                .average()
                .orElse(Double.NaN);
        double meanSigned = computed.stream()
                .mapToDouble(r -> clockError(r.chronotype().msfSc(), DemoDataGenerator.truthMsfScHours(r.child())))
                .average()
                .orElse(Double.NaN);
        String figures = String.format(
                "MSFsc for %d of %d children; against the planted MSFsc: mean absolute error %.1f min"
                        + " (mean signed error %+.1f min)",
                computed.size(), results.size(), mae, meanSigned);
        System.out.println("PlantedTruthsTest: " + figures);
        assertThat((double) computed.size()).as(figures).isGreaterThanOrEqualTo(0.9 * results.size());
        assertThat(mae).as(figures).isFinite().isLessThanOrEqualTo(20.0);
    }

    @Test
    void msfIsWithinTwentyMinutesOfThePlantedFreeDayMidSleep() {
        List<ChildResult> computed = withChronotype();
        double mae = computed.stream()
                .mapToDouble(r -> Math.abs(
                        clockError(r.chronotype().msf(), DemoDataGenerator.truthMsfOnFreeDaysHours(r.child()))))
                .average()
                .orElse(Double.NaN);
        double meanSigned = computed.stream()
                .mapToDouble(
                        r -> clockError(r.chronotype().msf(), DemoDataGenerator.truthMsfOnFreeDaysHours(r.child())))
                .average()
                .orElse(Double.NaN);
        String figures = String.format(
                "MSF (uncorrected) for %d children; against the planted free-day mid-sleep SO_F + SD_F/2:"
                        + " mean absolute error %.1f min (mean signed error %+.1f min)",
                computed.size(), mae, meanSigned);
        System.out.println("PlantedTruthsTest: " + figures);
        assertThat(computed).as(figures).isNotEmpty();
        assertThat(mae).as(figures).isFinite().isLessThanOrEqualTo(20.0);
    }

    @Test
    void categoriesAgreeWithThePlantedMsfScUnderTheSameAgeNorms() {
        var norms = ChronotypeAnalysis.defaults(ZONE).norms();
        List<ChildResult> computed = withChronotype();
        List<String> disagreements = new ArrayList<>();
        long agree = 0;
        for (ChildResult r : computed) {
            double plantedHours = DemoDataGenerator.truthMsfScHours(r.child());
            ChronotypeCategory planted = norms.categorise(plantedHours * 60, r.age());
            if (planted == r.chronotype().category()) {
                agree++;
            } else {
                disagreements.add(String.format(
                        "%s->%s (planted MSFsc %s, measured %s, age %.1f)",
                        planted,
                        r.chronotype().category(),
                        ClockMinutes.format(plantedHours * 60),
                        ClockMinutes.format(r.chronotype().msfSc()),
                        r.age()));
            }
        }
        double share = computed.isEmpty() ? Double.NaN : (double) agree / computed.size();
        String figures = String.format(
                "categories agree for %d of %d children with an MSFsc (%.1f %%); planted->measured: %s",
                agree, computed.size(), 100 * share, disagreements);
        System.out.println("PlantedTruthsTest: " + figures);
        assertThat(share).as(figures).isFinite().isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void mindfulnessHelpsAcrossTheCohort() {
        CausalEstimate e = cohort.get(DemoDataGenerator.MINDFULNESS);
        double plantedMean = results.stream()
                .filter(PlantedTruthsTest::hadSessions)
                .mapToDouble(r -> r.child().truthMindfulnessEffect())
                .average()
                .orElse(Double.NaN);
        String figures = String.format(
                "cohort mindfulness: effect %.4f [%.4f, %.4f], n %d (%d treated), %d resamples, verdict %s; "
                        + "planted mean effect over the children with sessions %.4f; refutations %s",
                e.estimate(),
                e.ciLow(),
                e.ciHigh(),
                e.n(),
                e.nTreated(),
                e.resamples(),
                e.verdict(),
                plantedMean,
                e.refutations());
        System.out.println("PlantedTruthsTest: " + figures);
        assertThat(e.estimate()).as(figures).isFinite();
        assertThat(e.verdict()).as(figures).isEqualTo(Verdict.HELPS);
    }

    @Test
    void mostChildrenFoundHelpedWithinChildArePlantedResponders() {
        List<ChildResult> helped = results.stream()
                .filter(r -> within(r, DemoDataGenerator.MINDFULNESS) == Verdict.HELPS)
                .toList();
        long truePositives = helped.stream().filter(r -> responder(r.child())).count();
        long respondersWithSessions = results.stream()
                .filter(r -> responder(r.child()) && hadSessions(r))
                .count();
        long responders = results.stream().filter(r -> responder(r.child())).count();
        Map<String, Long> verdicts = results.stream()
                .collect(Collectors.groupingBy(
                        r -> String.valueOf(within(r, DemoDataGenerator.MINDFULNESS)), Collectors.counting()));
        List<String> harmed = results.stream()
                .filter(r -> within(r, DemoDataGenerator.MINDFULNESS) == Verdict.HARMS)
                .map(r -> {
                    CausalEstimate e = r.withinChild().get(DemoDataGenerator.MINDFULNESS);
                    return String.format(
                            "%s planted %.2f, effect %.4f [%.4f, %.4f]",
                            r.child().pseudonym(),
                            r.child().truthMindfulnessEffect(),
                            e.estimate(),
                            e.ciLow(),
                            e.ciHigh());
                })
                .toList();
        double precision = helped.isEmpty() ? Double.NaN : (double) truePositives / helped.size();
        double recall = respondersWithSessions == 0 ? Double.NaN : (double) truePositives / respondersWithSessions;
        String figures = String.format(
                "within-child mindfulness: %d children found helped, %d of them planted responders: precision %.2f;"
                        + " recall %.2f of %d responders with sessions (%d responders in all);"
                        + " verdicts (null: no sessions) %s; harms: %s",
                helped.size(), truePositives, precision, recall, respondersWithSessions, responders, verdicts, harmed);
        System.out.println("PlantedTruthsTest: " + figures);
        assertThat(helped).as(figures).isNotEmpty();
        assertThat(precision).as(figures).isFinite().isGreaterThan(0.5);
    }

    @Test
    void screenFreeEveningsShowNoEvidenceAcrossTheCohort() {
        CausalEstimate e = cohort.get(DemoDataGenerator.SCREEN_FREE_EVENING);
        long withinNotNoEvidence = results.stream()
                .filter(r -> {
                    Verdict v = within(r, DemoDataGenerator.SCREEN_FREE_EVENING);
                    return v == Verdict.HELPS || v == Verdict.HARMS;
                })
                .count();
        String figures = String.format(
                "cohort screen-free evening: effect %.4f [%.4f, %.4f], n %d (%d treated), verdict %s;"
                        + " within-child helps or harms for %d of %d children",
                e.estimate(),
                e.ciLow(),
                e.ciHigh(),
                e.n(),
                e.nTreated(),
                e.verdict(),
                withinNotNoEvidence,
                results.size());
        System.out.println("PlantedTruthsTest: " + figures);
        assertThat(e.estimate()).as(figures).isFinite();
        assertThat(e.verdict()).as(figures).isEqualTo(Verdict.NO_EVIDENCE);
    }
}

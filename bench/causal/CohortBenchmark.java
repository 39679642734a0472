import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.zenmoon.analysis.causal.CausalEstimate;
import org.zenmoon.analysis.causal.CausalSettings;
import org.zenmoon.analysis.causal.DailyObservation;
import org.zenmoon.analysis.causal.DailyOutcome;
import org.zenmoon.analysis.causal.InterventionDesigns;

/**
 * Time of the cohort step's pooled estimate, InterventionDesigns.acrossCohort with the default settings, on a
 * synthetic cohort per size: N children x 60 days, each child with their own baseline stress and rate of sessions
 * (stressed children get more), school events raising both, a session lowering that evening's stress by 0.5.
 * A benchmark, not a test: it prints figures, with the estimate in full so two engines' answers can be compared.
 * Usage (see bench/causal/run.sh): CohortBenchmark [children...]
 */
public final class CohortBenchmark {

    static final int DAYS = 60;
    static final double EFFECT = -0.5;

    public static void main(String[] args) {
        System.out.printf(Locale.ROOT, "cores %d, max heap %d MiB, %s %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        CausalSettings s = CausalSettings.defaults();
        // Warm-up on a small cohort so that the JIT has compiled the fits.
        InterventionDesigns.acrossCohort(cohort(10, 1), DailyOutcome.EVENING_STRESS, s);
        for (String a : args.length == 0 ? new String[] {"60", "150", "300"} : String.join(" ", args).split("\\s+")) {
            int children = Integer.parseInt(a);
            List<DailyObservation> days = cohort(children, 1000 + children);
            long t0 = System.nanoTime();
            CausalEstimate e = InterventionDesigns.acrossCohort(days, DailyOutcome.EVENING_STRESS, s);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%d children x %d days: %.1f s; n %d (treated %d), AIPW %.12f [%.12f, %.12f]"
                    + " SE %.12f, verdict %s, planted %.1f%n", children, DAYS, secs, e.n(), e.nTreated(), e.estimate(),
                    e.ciLow(), e.ciHigh(), e.standardError(), e.verdict(), EFFECT);
        }
    }

    static List<DailyObservation> cohort(int children, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<DailyObservation> out = new ArrayList<>();
        LocalDate start = LocalDate.of(2026, 9, 7);
        for (int c = 0; c < children; c++) {
            String child = String.format(Locale.ROOT, "child%04d", c);
            double baseline = 3 + 2 * rng.nextDouble();
            double rate = 0.05 + 0.06 * (baseline - 3);
            double prevSleep = 9;
            for (int k = 0; k < DAYS; k++) {
                LocalDate date = start.plusDays(k);
                DayOfWeek w = date.getDayOfWeek();
                boolean weekend = w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY;
                boolean event = !weekend && rng.nextDouble() < 0.25;
                boolean treated = rng.nextDouble() < (event ? rate + 0.3 : rate) * (weekend ? 0.5 : 1);
                double stress = baseline + (event ? 2 : 0) - 0.5 * (prevSleep - 9) - (weekend ? 0.5 : 0)
                        + (treated ? EFFECT : 0) + 0.7 * gaussian(rng);
                double sleep = 9 - 0.2 * (stress - baseline) + 0.3 * gaussian(rng);
                out.add(new DailyObservation(child, date, treated, stress, sleep, event));
                prevSleep = sleep;
            }
        }
        return out;
    }

    static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.zenmoon.analysis.forecast.Benchmarks;
import org.zenmoon.analysis.forecast.Combination;
import org.zenmoon.analysis.forecast.Deseasonalised;
import org.zenmoon.analysis.forecast.DoubleSeasonal;
import org.zenmoon.analysis.forecast.ExponentialSmoothing;
import org.zenmoon.analysis.forecast.ForecastSpec;
import org.zenmoon.analysis.forecast.HoltWinters;
import org.zenmoon.analysis.forecast.PointModel;
import org.zenmoon.analysis.forecast.Theta;
import org.zenmoon.analysis.forecast.WeeklyProfile;
import org.zenmoon.analysis.forecast.evaluation.Holdout;
import org.zenmoon.analysis.forecast.evaluation.M4Accuracy;
import org.zenmoon.analysis.forecast.evaluation.M4Evaluation;
import org.zenmoon.analysis.forecast.evaluation.M4Series;

/**
 * Chooses the forecast design of ForecastSpec.hourly on the M4 Hourly VALIDATION split only: the last 48 values
 * of each training series are held out, the forecast is made from the rest. The test file is never read.
 * A benchmark-style program, not a test: it prints the figures behind docs/analyses/forecast.md.
 *
 * Protocol, fixed before the first run:
 *   A. Candidate pool (6 selection origins, intervals as before): start from the pool before this search plus
 *      three plausible additions (snaive168, theta-sa24, damped-sa24); backward elimination, each step removing
 *      the model whose removal gives the lowest validation OWA, as long as that improves OWA by at least 0.001.
 *   B. Selection origins in {3, 6, 9, 12} with that pool: the lowest OWA, if at least 0.001 below 6's.
 *   C. Intervals: backtest origins in {6, 10, 14, 20, 28, 40} x step pooling in {0, 3, 6, 12}: the lowest
 *      validation MSIS (M4's interval score, a proper score for the 95% interval) among the designs whose 95%
 *      coverage lies in [0.93, 0.97].
 *
 * Usage (see bench/forecast/run.sh): ForecastDesignSearch [path to Hourly-train.csv]
 */
public final class ForecastDesignSearch {

    static final int H = 48;

    /** Remembers every fit, so that the many designs share the backtests (each model is deterministic). */
    record Memo(PointModel inner, Map<String, double[]> cache) implements PointModel {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public int minimumHistory() {
            return inner.minimumHistory();
        }

        @Override
        public double[] forecast(double[] y, int horizon) {
            String key = inner.name() + "|" + y.length + "|" + Arrays.hashCode(y) + "|" + horizon;
            return cache.computeIfAbsent(key, k -> inner.forecast(y, horizon)).clone();
        }
    }

    static List<Holdout> validation;
    static final Map<String, double[]> CACHE = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        Path train = Path.of(args.length > 0 ? args[0] : "../shared/data/m4/Hourly-train.csv");
        validation = Holdout.validation(M4Series.read(train), H);
        // the design before this search (until 2026-12-02), written out so that a rerun repeats the same search
        PointModel dshw = new DoubleSeasonal(24, 168);
        PointModel profile1 = new WeeklyProfile(24, 168, 1);
        PointModel profile3 = new WeeklyProfile(24, 168, 3);
        PointModel thetaWeek = new Theta(168);
        PointModel hwMul = new HoltWinters(24, true);
        ForecastSpec before = ForecastSpec.hourly(H)
                .withCandidates(List.of(
                        new Benchmarks.SeasonalNaive(24),
                        hwMul,
                        new HoltWinters(24, false),
                        dshw,
                        profile1,
                        profile3,
                        thetaWeek,
                        new Combination(List.of(dshw, profile1, profile3, thetaWeek, hwMul), true)))
                .withOrigins(6)
                .withIntervals(28, 6);
        System.out.printf(Locale.ROOT, "M4 Hourly validation split: %d series, last %d training values held out%n%n",
                validation.size(), H);

        // the pool before this search, with its members memoised
        List<PointModel> old = before.candidates().stream().map(ForecastDesignSearch::memo).toList();
        List<PointModel> pool = new ArrayList<>(old);
        pool.add(memo(new Benchmarks.SeasonalNaive(168)));
        pool.add(memo(new Theta(24)));
        pool.add(memo(new Deseasonalised(ExponentialSmoothing.damped(), 24)));

        ForecastSpec base = before.withCandidates(old);
        M4Accuracy b = run(base);
        System.out.println("design before the search: " + names(old) + ", 6 origins, intervals 28 / 6");
        print("before", b);

        System.out.println("\nA. candidate pool, backward elimination (OWA)");
        M4Accuracy current = run(base.withCandidates(pool));
        print(names(pool).size() + " models", current);
        while (pool.size() > 1) {
            PointModel drop = null;
            M4Accuracy bestWithout = null;
            for (PointModel m : pool) {
                List<PointModel> without = new ArrayList<>(pool);
                without.remove(m);
                M4Accuracy r = run(base.withCandidates(without));
                print("  without " + m.name(), r);
                if (bestWithout == null || r.owa() < bestWithout.owa()) {
                    bestWithout = r;
                    drop = m;
                }
            }
            if (bestWithout.owa() > current.owa() - 0.001) {
                System.out.println("  stop: no removal improves OWA by 0.001");
                break;
            }
            pool.remove(drop);
            current = bestWithout;
            print("removed " + drop.name(), current);
        }
        System.out.println("chosen pool: " + names(pool));

        System.out.println("\nB. selection origins (OWA)");
        ForecastSpec chosen = base.withCandidates(pool);
        M4Accuracy six = current;
        int origins = 6;
        M4Accuracy bestB = six;
        for (int o : new int[] {3, 6, 9, 12}) {
            M4Accuracy r = o == 6 ? six : run(chosen.withOrigins(o));
            print(o + " origins", r);
            if (r.owa() < bestB.owa() && r.owa() <= six.owa() - 0.001) {
                bestB = r;
                origins = o;
            }
        }
        System.out.println("chosen selection origins: " + origins);
        chosen = chosen.withOrigins(origins);

        System.out.println("\nC. intervals (MSIS among 95% coverage in [0.93, 0.97])");
        System.out.println("| origins | pool | 95% coverage | MSIS | 80% coverage |");
        System.out.println("|---|---|---|---|---|");
        int bestK = -1;
        int bestPool = -1;
        double bestMsis = Double.POSITIVE_INFINITY;
        for (int k : new int[] {6, 10, 14, 20, 28, 40}) {
            if (k < origins) {
                continue;
            }
            for (int p : new int[] {0, 3, 6, 12}) {
                M4Accuracy r = run(chosen.withIntervals(k, p));
                System.out.printf(Locale.ROOT, "| %d | %d | %.4f | %.3f | %.4f |%n", k, p, r.coverage95(), r.msis(),
                        r.coverage80());
                if (r.coverage95() >= 0.93 && r.coverage95() <= 0.97 && r.msis() < bestMsis) {
                    bestMsis = r.msis();
                    bestK = k;
                    bestPool = p;
                }
            }
        }
        System.out.println("chosen intervals: " + bestK + " origins, pool " + bestPool);
        M4Accuracy fin = run(chosen.withIntervals(bestK, bestPool));
        System.out.println("\nfinal design on the validation split:");
        print("after", fin);
        System.out.println("models chosen: " + new TreeMap<>(fin.models()));
        ForecastSpec frozen = ForecastSpec.hourly(H);
        boolean same = names(frozen.candidates()).equals(names(pool))
                && frozen.origins() == origins
                && frozen.intervalOrigins() == bestK
                && frozen.intervalPool() == bestPool;
        System.out.println("the same as the frozen ForecastSpec.hourly: " + (same ? "yes" : "NO"));

        System.out.println("\nD. each candidate alone, no selection (for reference; not used to choose)");
        for (PointModel m : pool) {
            print(m.name(), run(chosen.withCandidates(List.of(m)).withIntervals(bestK, bestPool)));
        }
    }

    static PointModel memo(PointModel m) {
        if (m instanceof Combination c) {
            return new Combination(c.members().stream().map(ForecastDesignSearch::memo).toList(), c.median());
        }
        return new Memo(m, CACHE);
    }

    static Set<String> names(List<PointModel> pool) {
        Set<String> s = new LinkedHashSet<>();
        pool.forEach(m -> s.add(m.name()));
        return s;
    }

    static M4Accuracy run(ForecastSpec spec) {
        return M4Evaluation.run(validation, spec);
    }

    static void print(String label, M4Accuracy r) {
        System.out.printf(Locale.ROOT, "%-34s sMAPE %.3f  MASE %.4f  OWA %.4f  95%% cov %.4f  MSIS %.3f  80%% cov %.4f%n",
                label, r.forecast().smape(), r.forecast().mase(), r.owa(), r.coverage95(), r.msis(), r.coverage80());
    }
}

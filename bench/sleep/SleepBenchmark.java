import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.zenmoon.analysis.chronotype.ChronotypeAnalysis;
import org.zenmoon.analysis.epoch.WearableEpoch;
import org.zenmoon.analysis.sleep.SleepEpisode;
import org.zenmoon.analysis.sleep.SleepEpisodeBuilder;
import org.zenmoon.analysis.sleep.SleepWakeAlgorithm;
import org.zenmoon.analysis.sleep.SleepWakeScore;
import org.zenmoon.analysis.sleep.WearableSleepScorer;

/**
 * Throughput of sleep scoring + episode building + chronotype for a scaled-down cohort of minute epochs, with
 * the extrapolation to 1,000 children x 1 year. A benchmark, not a test: it prints figures.
 * Usage (see bench/sleep/run.sh): SleepBenchmark [children=50] [days=365] [threads=all cores]
 */
public final class SleepBenchmark {

    public static void main(String[] args) {
        int children = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 365;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        ZoneId zone = ZoneOffset.UTC;
        LocalDate first = LocalDate.of(2025, 9, 1);
        System.out.printf(Locale.ROOT, "cores %d, max heap %d MiB, %s %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"), System.getProperty("java.version"));

        // Warm-up on a few children so that the JIT has compiled the hot loops.
        run(4, 60, 1, first, zone, false);
        for (int t : threads == 1 ? new int[] {1} : new int[] {1, threads}) {
            Result r = run(children, days, t, first, zone, true);
            double perChildYear = r.seconds() / children * (365.0 / days);
            double total = perChildYear * 1000;
            System.out.printf(Locale.ROOT, "threads %d: %d children x %d days = %,d minute epochs (%,d present) in %.2f s"
                    + " (scoring + episodes + chronotype; data generation excluded) = %,.0f epochs/s; %d episodes%n",
                    t, children, days, (long) children * days * 1440, r.epochs(), r.seconds(), r.epochs() / r.seconds(),
                    r.episodes());
            System.out.printf(Locale.ROOT, "  extrapolated, linear in children x days: 1,000 children x 1 year = %.0f s"
                    + " (%.1f min) on %d thread(s)%n", total, total / 60, t);
            System.out.printf(Locale.ROOT, "  detected main sleep vs simulated night: median |onset error| %.0f min,"
                    + " median |wake error| %.0f min over %d nights; %d of %d children with a chronotype%n",
                    median(r.onsetErrors()), median(r.wakeErrors()), r.onsetErrors().size(), r.withChronotype(), children);
        }
        // The ActiGraph path alone: Sadeh and Cole-Kripke on plain count arrays.
        double[] counts = new double[1440 * 365];
        Random rnd = new Random(1);
        for (int i = 0; i < counts.length; i++) {
            counts[i] = rnd.nextDouble() < 0.4 ? 0 : rnd.nextInt(600);
        }
        for (SleepWakeAlgorithm a : SleepWakeAlgorithm.values()) {
            a.asleep(counts);
            long t0 = System.nanoTime();
            int reps = 5;
            for (int k = 0; k < reps; k++) {
                a.asleep(counts);
            }
            double s = (System.nanoTime() - t0) / 1e9 / reps;
            System.out.printf(Locale.ROOT, "%s alone: one child-year (%,d minutes) in %.3f s = %,.0f epochs/s%n",
                    a.label(), counts.length, s, counts.length / s);
        }
    }

    record Result(double seconds, long epochs, long episodes, List<Double> onsetErrors, List<Double> wakeErrors,
                  int withChronotype) {
    }

    static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(v);
        java.util.Collections.sort(s);
        return s.get(s.size() / 2);
    }

    /** Minute epochs plus the simulated nights (minutes from the first midnight: onset, wake). */
    record Child(List<WearableEpoch> epochs, List<int[]> nights) {
    }

    static Result run(int children, int days, int threads, LocalDate first, ZoneId zone, boolean report) {
        AtomicLong nanos = new AtomicLong();
        AtomicLong epochs = new AtomicLong();
        AtomicLong episodes = new AtomicLong();
        List<Double> onsetErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Double> wakeErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
        Instant origin = first.atStartOfDay(zone).toInstant();
        long wall0 = System.nanoTime();
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, children).parallel().forEach(c -> {
                Child child = simulate(c, days, first, zone);
                List<WearableEpoch> data = child.epochs();
                long t0 = System.nanoTime();
                List<SleepWakeScore> scored = WearableSleepScorer.DEFAULT.score(data);
                List<SleepEpisode> eps = SleepEpisodeBuilder.defaults(zone).build(scored);
                var chronotype = ChronotypeAnalysis.defaults(zone).analyseEpisodes(eps, 10.0);
                nanos.addAndGet(System.nanoTime() - t0);
                if (chronotype.msfSc() != null) {
                    ok.incrementAndGet();
                }
                for (SleepEpisode n : eps) {
                    if (n.kind() != SleepEpisode.Kind.MAIN || n.truncated()) {
                        continue;
                    }
                    double on = Duration.between(origin, n.onset()).toMinutes();
                    double off = Duration.between(origin, n.wake()).toMinutes();
                    int[] best = null;
                    for (int[] sim : child.nights()) {
                        if (best == null || Math.abs(sim[0] - on) < Math.abs(best[0] - on)) {
                            best = sim;
                        }
                    }
                    if (best != null && Math.abs(best[0] - on) < 240) {
                        onsetErrors.add(Math.abs(best[0] - on));
                        wakeErrors.add(Math.abs(best[1] - off));
                    }
                }
                epochs.addAndGet(data.size());
                episodes.addAndGet(eps.size());
            })).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
        // With several threads the summed per-child time overstates the wall time of the timed part; report the
        // per-thread share (sum / threads), which is what a job running children in parallel would take.
        return new Result(nanos.get() / 1e9 / threads, epochs.get(), episodes.get(), onsetErrors, wakeErrors, ok.get());
    }

    /** ChildDay-like minutes: nights with short wakings, school-day alarms, an evening charge, some days off. */
    static Child simulate(int child, int days, LocalDate first, ZoneId zone) {
        Random rnd = new Random(child * 7919L + 1);
        double msf = 2.6 + rnd.nextGaussian() * 0.7;
        double need = 10 + rnd.nextGaussian() * 0.3;
        // Nights first (minutes from the first midnight), including the night before the first day.
        List<int[]> nights = new ArrayList<>();
        for (int d = -1; d < days; d++) {
            boolean school = first.plusDays(d + 1).getDayOfWeek().getValue() <= 5;
            double onset = msf - need / 2 + (school ? -0.5 : 0) + rnd.nextGaussian() * 0.3;
            double wake = school ? 7 + rnd.nextGaussian() * 0.2 : onset + need + rnd.nextGaussian() * 0.4;
            nights.add(new int[] {(d + 1) * 1440 + (int) Math.round(onset * 60), (d + 1) * 1440 + (int) Math.round(wake * 60)});
        }
        List<WearableEpoch> out = new ArrayList<>(days * 1440);
        Instant start = first.atStartOfDay(zone).toInstant();
        int night = 0;
        int wakeBout = 0;
        for (int d = 0; d < days; d++) {
            boolean dayOff = rnd.nextDouble() < 0.03;
            int chargeFrom = d * 1440 + (int) ((17.5 + rnd.nextDouble() * 2) * 60);
            int chargeTo = chargeFrom + 40 + rnd.nextInt(61);
            for (int m = d * 1440; m < (d + 1) * 1440; m++) {
                while (night < nights.size() && nights.get(night)[1] <= m) {
                    night++;
                }
                boolean inNight = night < nights.size() && m >= nights.get(night)[0];
                if (inNight && wakeBout == 0 && rnd.nextDouble() < 0.004) {
                    wakeBout = 2 + rnd.nextInt(5);
                }
                boolean asleep = inNight && wakeBout == 0;
                if (wakeBout > 0) {
                    wakeBout--;
                }
                if (dayOff || (m >= chargeFrom && m < chargeTo)) {
                    continue;
                }
                double activity = asleep ? (rnd.nextDouble() < 0.8 ? 0 : 1 + rnd.nextInt(30))
                        : Math.round(300 * Math.exp(rnd.nextGaussian() * 0.6));
                double hr = asleep ? 80 + rnd.nextGaussian() * 2 : 96 + rnd.nextGaussian() * 3;
                out.add(new WearableEpoch(start.plus(Duration.ofMinutes(m)), activity, hr, null, null));
            }
        }
        return new Child(out, nights);
    }
}

package org.zenmoon.analysis.recommend.simulation;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.zenmoon.analysis.recommend.AbDecision;
import org.zenmoon.analysis.recommend.AbSettings;
import org.zenmoon.analysis.recommend.AbStatistics;
import org.zenmoon.analysis.recommend.ChildTally;
import org.zenmoon.analysis.recommend.Choice;
import org.zenmoon.analysis.recommend.ChronotypeTiming;
import org.zenmoon.analysis.recommend.ClusteredArm;
import org.zenmoon.analysis.recommend.Comparison;
import org.zenmoon.analysis.recommend.EpsilonGreedy;
import org.zenmoon.analysis.recommend.FeatureEncoder;
import org.zenmoon.analysis.recommend.Intervention;
import org.zenmoon.analysis.recommend.InterventionCatalogue;
import org.zenmoon.analysis.recommend.LinearModel;
import org.zenmoon.analysis.recommend.LoggedDecision;
import org.zenmoon.analysis.recommend.LogisticTrainer;
import org.zenmoon.analysis.recommend.OffPolicyEvaluation;
import org.zenmoon.analysis.recommend.PolicySettings;
import org.zenmoon.analysis.recommend.RecommendationContext;
import org.zenmoon.analysis.recommend.Split;
import org.zenmoon.analysis.recommend.StickyAssignment;
import org.zenmoon.analysis.recommend.Tally;

/**
 * Synthetic families with hidden preferences, served by the recommender's full loop: the cold-start model,
 * epsilon-greedy serving with logged propensities, a retrain every {@code retrainEvery} feedback items (on all
 * logs so far), the offline gate (doubly robust comparison on the latest logs held out), then an A/B test between
 * the active model and the candidate with sticky assignment, ending in promotion or rollback. One A/B test runs
 * at a time; while it runs, each retrain point only asks it for a decision.
 *
 * <p>A family's chance of 👍 (the hidden truth, which an oracle knows and the recommender does not): a logit of
 * -1, plus 2.6 for an intervention of the categories the family likes (breathing and mindfulness; movement and
 * outdoor; or sleep hygiene and screens), plus a fixed per-family, per-intervention taste (normal, sd 0.35), plus
 * the time it is scheduled for (night owls +0.8 in the evening or at bedtime and -0.8 in the morning; early birds
 * +0.8 in the morning and -0.4 late), plus 1.2 × (stress - 0.5) for calming categories, +1.5 for study with an
 * exam coming and -0.8 for study without one, and 0.4 × sleep debt (hours) for sleep hygiene.
 *
 * <p>A round is one recommendation and one answer per family. Rates are the expected 👍 rate of what was served
 * (the hidden probability of the chosen intervention), which is less noisy than the sampled answers; the oracle
 * serves the intervention with the highest hidden probability.
 */
public final class FamilySimulator {

    /** The simulation's knobs; {@link #defaults()} are the figures reported in docs/BENCHMARKS.md. */
    public record Settings(
            int families,
            int rounds,
            long seed,
            PolicySettings policy,
            double l2,
            int retrainEvery,
            double heldOutShare,
            double tolerance,
            double candidateShare,
            AbSettings ab,
            int window,
            int minHeldOut) {

        public static Settings defaults() {
            return new Settings(
                    60,
                    40,
                    20261214L,
                    PolicySettings.defaults(),
                    1.0,
                    10,
                    0.3,
                    0.02,
                    0.5,
                    new AbSettings(60, 0.05, 200),
                    5,
                    30);
        }
    }

    /** Rounds {@code firstRound}..{@code lastRound} (1-based): expected 👍 rates and the share answered 👍. */
    public record Block(int firstRound, int lastRound, double policyRate, double oracleRate, double observedRate) {}

    /** A step of the loop, for the report. */
    public record Event(int round, long feedbackItems, String what) {}

    /**
     * @param roundsTo80   the first round at which the mean over the trailing {@code window} rounds reaches 80% of
     *                     the oracle's mean over the same rounds; -1 if it never does
     * @param coldStartRate the first round's expected 👍 rate (every family served by the cold-start model)
     * @param finalRate    the last window's expected 👍 rate
     * @param oracleRate   the oracle's rate over the last window
     */
    public record Result(
            double[] policyByRound,
            double[] oracleByRound,
            List<Block> blocks,
            int roundsTo80,
            double coldStartRate,
            double finalRate,
            double oracleRate,
            List<Event> events,
            int promotions,
            int rollbacks,
            LinearModel active) {}

    /**
     * A fixed-model A/B test's end.
     *
     * @param pValue       the cluster-robust p-value the decision used ({@link AbStatistics#clusteredPValue})
     * @param pooledPValue the pooled test's, which treats answers as independent (for comparison)
     */
    public record AbOutcome(
            AbDecision decision,
            ClusteredArm control,
            ClusteredArm candidate,
            double pValue,
            double pooledPValue,
            int rounds) {}

    private enum Taste {
        CALM(Set.of("breathing", "mindfulness")),
        ACTIVE(Set.of("movement", "outdoor")),
        SLEEP(Set.of("sleep_hygiene", "screen"));

        final Set<String> liked;

        Taste(Set<String> liked) {
            this.liked = liked;
        }
    }

    private record Family(
            String childId,
            Taste taste,
            String chronotype,
            int age,
            double baseStress,
            Map<String, Double> itemTaste,
            boolean causalKnown) {}

    /**
     * The fixed-model A/B checks: 400 answers per arm before deciding, so that each child's history (which the
     * learned model needs to personalise) has a few rounds to build up.
     */
    public static final AbSettings HEAD_TO_HEAD = new AbSettings(400, 0.05, 1500);

    private static final LocalDateTime START = LocalDateTime.of(2026, 9, 7, 0, 0); // a Monday

    private final InterventionCatalogue catalogue;
    private final FeatureEncoder encoder;

    public FamilySimulator(InterventionCatalogue catalogue) {
        this.catalogue = catalogue;
        this.encoder = new FeatureEncoder(catalogue);
    }

    public FeatureEncoder encoder() {
        return encoder;
    }

    /** The full loop from the cold-start model. */
    public Result run(Settings s) {
        SplittableRandom root = new SplittableRandom(s.seed());
        List<Family> families = families(s.families(), root.split());
        SplittableRandom world = root.split();
        SplittableRandom policyRng = root.split();
        SplittableRandom answers = root.split();
        LogisticTrainer trainer = new LogisticTrainer(s.l2());

        LinearModel active = LinearModel.coldStart(encoder);
        LinearModel candidate = null;
        String experiment = null;
        Map<String, ChildTally> control = new LinkedHashMap<>();
        Map<String, ChildTally> challenger = new LinkedHashMap<>();
        int version = 1;
        List<Event> events = new ArrayList<>();
        int promotions = 0;
        int rollbacks = 0;

        List<LoggedDecision> logs = new ArrayList<>();
        Map<String, Map<String, Tally>> history = new HashMap<>();
        double[] policyByRound = new double[s.rounds()];
        double[] oracleByRound = new double[s.rounds()];
        double[] observedByRound = new double[s.rounds()];
        long feedback = 0;

        for (int round = 0; round < s.rounds(); round++) {
            for (Family f : families) {
                LocalDateTime now = START.plusDays(round).plusHours(7 + world.nextInt(14));
                RecommendationContext x = context(f, now, history.getOrDefault(f.childId(), Map.of()), world);
                boolean inCandidate = experiment != null
                        && StickyAssignment.inCandidateArm(experiment, f.childId(), s.candidateShare());
                LinearModel model = inCandidate ? candidate : active;
                Served served = serve(f, x, now, model, s.policy(), policyRng);
                boolean helpful = answers.nextDouble() < served.probability;

                logs.add(new LoggedDecision(
                        f.childId(),
                        x,
                        served.candidateIds,
                        served.choice.id(),
                        served.choice.propensity(),
                        helpful ? 1 : 0,
                        now.toInstant(ZoneOffset.UTC)));
                history.computeIfAbsent(f.childId(), k -> new HashMap<>())
                        .merge(served.choice.id(), new Tally(1, helpful ? 1 : 0, helpful ? 0 : 1), Tally::plus);
                policyByRound[round] += served.probability / families.size();
                oracleByRound[round] += served.oracle / families.size();
                observedByRound[round] += (helpful ? 1.0 : 0.0) / families.size();
                feedback++;
                if (experiment != null) {
                    // As the server does, every answer asks a running experiment for its decision.
                    count(inCandidate ? challenger : control, f.childId(), helpful);
                    ClusteredArm a = arm(control);
                    ClusteredArm b = arm(challenger);
                    AbDecision d = AbStatistics.decide(a, b, s.ab());
                    if (d != AbDecision.CONTINUE) {
                        String tallies = String.format(
                                Locale.ROOT,
                                "control %d/%d from %d children, candidate %d/%d from %d, p=%.4f (pooled p=%.4f)",
                                a.helpful(),
                                a.exposures(),
                                a.childCount(),
                                b.helpful(),
                                b.exposures(),
                                b.childCount(),
                                AbStatistics.clusteredPValue(a, b),
                                AbStatistics.twoProportionPValue(a.total(), b.total()));
                        if (d == AbDecision.PROMOTE) {
                            active = candidate;
                            promotions++;
                            events.add(new Event(round + 1, feedback, "promoted v" + version + " (" + tallies + ")"));
                        } else {
                            rollbacks++;
                            events.add(
                                    new Event(round + 1, feedback, "rolled back v" + version + " (" + tallies + ")"));
                        }
                        experiment = null;
                        candidate = null;
                    }
                }
                // The retrain point: while an experiment runs it decides first; otherwise train and gate a candidate.
                if (feedback % s.retrainEvery() != 0 || experiment != null) {
                    continue;
                }
                Split split = OffPolicyEvaluation.splitByTime(logs, s.heldOutShare());
                if (split.heldOut().size() < s.minHeldOut()) {
                    continue; // too few decisions to evaluate a candidate on: keep collecting
                }
                LinearModel trial = trainer.fit(split.training(), encoder, catalogue.version());
                Comparison c = OffPolicyEvaluation.compare(
                        split.heldOut(), trial, active, trial, encoder, catalogue, s.policy(), s.tolerance());
                version++;
                String gate = String.format(
                        Locale.ROOT,
                        "DR %.3f vs %.3f, difference %+.3f [%+.3f, %+.3f] on %d held out",
                        c.candidate().dr(),
                        c.current().dr(),
                        c.drDifference(),
                        c.differenceLow95(),
                        c.differenceHigh95(),
                        c.candidate().n());
                if (c.notWorse()) {
                    candidate = trainer.fit(logs, encoder, catalogue.version());
                    experiment = "sim-v" + version;
                    control = new LinkedHashMap<>();
                    challenger = new LinkedHashMap<>();
                    events.add(new Event(round + 1, feedback, "v" + version + " to A/B: " + gate));
                } else {
                    events.add(new Event(round + 1, feedback, "v" + version + " refused offline: " + gate));
                }
            }
        }

        List<Block> blocks = new ArrayList<>();
        for (int from = 0; from < s.rounds(); from += s.window()) {
            int to = Math.min(s.rounds(), from + s.window());
            blocks.add(new Block(
                    from + 1,
                    to,
                    mean(policyByRound, from, to),
                    mean(oracleByRound, from, to),
                    mean(observedByRound, from, to)));
        }
        int reached = -1;
        for (int r = s.window(); r <= s.rounds(); r++) {
            if (mean(policyByRound, r - s.window(), r) >= 0.8 * mean(oracleByRound, r - s.window(), r)) {
                reached = r;
                break;
            }
        }
        int last = Math.max(0, s.rounds() - s.window());
        return new Result(
                policyByRound,
                oracleByRound,
                blocks,
                reached,
                policyByRound[0],
                mean(policyByRound, last, s.rounds()),
                mean(oracleByRound, last, s.rounds()),
                events,
                promotions,
                rollbacks,
                active);
    }

    /**
     * Two fixed models A/B-tested on fresh families (each child's history built by its own arm), until
     * {@link AbStatistics#decide} stops the test or {@code maxRounds} pass.
     */
    public AbOutcome abTest(
            LinearModel current,
            LinearModel challenger,
            int families,
            int maxRounds,
            double candidateShare,
            PolicySettings policy,
            AbSettings ab,
            long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        List<Family> fs = families(families, root.split());
        SplittableRandom world = root.split();
        SplittableRandom policyRng = root.split();
        SplittableRandom answers = root.split();
        Map<String, Map<String, Tally>> history = new HashMap<>();
        Map<String, ChildTally> control = new LinkedHashMap<>();
        Map<String, ChildTally> candidate = new LinkedHashMap<>();
        String key = "ab-" + seed;
        for (int round = 0; round < maxRounds; round++) {
            for (Family f : fs) {
                LocalDateTime now = START.plusDays(round).plusHours(7 + world.nextInt(14));
                RecommendationContext x = context(f, now, history.getOrDefault(f.childId(), Map.of()), world);
                boolean inCandidate = StickyAssignment.inCandidateArm(key, f.childId(), candidateShare);
                Served served = serve(f, x, now, inCandidate ? challenger : current, policy, policyRng);
                boolean helpful = answers.nextDouble() < served.probability;
                history.computeIfAbsent(f.childId(), k -> new HashMap<>())
                        .merge(served.choice.id(), new Tally(1, helpful ? 1 : 0, helpful ? 0 : 1), Tally::plus);
                count(inCandidate ? candidate : control, f.childId(), helpful);
                AbDecision d = AbStatistics.decide(arm(control), arm(candidate), ab);
                if (d != AbDecision.CONTINUE) {
                    return outcome(d, control, candidate, round + 1);
                }
            }
        }
        return outcome(AbDecision.CONTINUE, control, candidate, maxRounds);
    }

    private static AbOutcome outcome(
            AbDecision d, Map<String, ChildTally> control, Map<String, ChildTally> candidate, int rounds) {
        ClusteredArm a = arm(control);
        ClusteredArm b = arm(candidate);
        return new AbOutcome(
                d,
                a,
                b,
                AbStatistics.clusteredPValue(a, b),
                AbStatistics.twoProportionPValue(a.total(), b.total()),
                rounds);
    }

    private static void count(Map<String, ChildTally> arm, String childId, boolean helpful) {
        arm.merge(
                childId,
                new ChildTally(1, helpful ? 1 : 0),
                (a, b) -> new ChildTally(a.answers() + b.answers(), a.helpful() + b.helpful()));
    }

    private static ClusteredArm arm(Map<String, ChildTally> byChild) {
        return new ClusteredArm(List.copyOf(byChild.values()));
    }

    /**
     * The fixed-model check the tests and the benchmark report: 200 fresh families, half in each arm, the default
     * policy, {@link #HEAD_TO_HEAD} settings, at most 30 rounds.
     */
    public AbOutcome headToHead(LinearModel current, LinearModel challenger, long seed) {
        return abTest(current, challenger, 200, 30, 0.5, PolicySettings.defaults(), HEAD_TO_HEAD, seed);
    }

    private record Served(Choice choice, List<String> candidateIds, double probability, double oracle) {}

    private Served serve(
            Family f,
            RecommendationContext x,
            LocalDateTime now,
            LinearModel model,
            PolicySettings policy,
            SplittableRandom rng) {
        List<Intervention> candidates = catalogue.suitableFor(f.age());
        List<String> ids = candidates.stream().map(Intervention::id).toList();
        double[] scores = model.score(encoder.encodeAll(x, candidates));
        Choice choice = EpsilonGreedy.choose(ids, scores, policy, rng);
        double best = 0;
        double chosen = 0;
        for (int i = 0; i < candidates.size(); i++) {
            double p = truth(f, x, candidates.get(i), now);
            best = Math.max(best, p);
            if (i == choice.index()) {
                chosen = p;
            }
        }
        return new Served(choice, ids, chosen, best);
    }

    /** The hidden chance of 👍 (see the class comment). */
    private static double truth(Family f, RecommendationContext x, Intervention a, LocalDateTime now) {
        LocalDateTime at = ChronotypeTiming.scheduledFor(a, f.chronotype(), f.age(), now);
        int hour = at.getHour();
        boolean late = hour >= 17;
        boolean morning = hour < 12;
        double logit = -1.0 + f.itemTaste().get(a.id());
        if (f.taste().liked.contains(a.category())) {
            logit += 2.6;
        }
        if ("night_owl".equals(f.chronotype())) {
            logit += late ? 0.8 : morning ? -0.8 : 0;
        } else if ("early_bird".equals(f.chronotype())) {
            logit += morning ? 0.8 : late ? -0.4 : 0;
        }
        String c = a.category();
        if ((c.equals("breathing") || c.equals("mindfulness")) && x.stressLevel() != null) {
            logit += 1.2 * (x.stressLevel() - 0.5);
        }
        if (c.equals("study")) {
            logit += x.examSoon() ? 1.5 : -0.8;
        }
        if (c.equals("sleep_hygiene") && x.sleepDebtHours() != null) {
            logit += 0.4 * x.sleepDebtHours();
        }
        return 1 / (1 + Math.exp(-logit));
    }

    private List<Family> families(int n, SplittableRandom rng) {
        String[] chronotypes = {"early_bird", "intermediate", "night_owl"};
        List<Family> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Double> itemTaste = new HashMap<>();
            for (Intervention a : catalogue.interventions()) {
                itemTaste.put(a.id(), 0.35 * gaussian(rng));
            }
            out.add(new Family(
                    String.format(Locale.ROOT, "child-%03d", i),
                    Taste.values()[i % 3],
                    rng.nextDouble() < 0.15 ? null : chronotypes[rng.nextInt(3)],
                    6 + rng.nextInt(12),
                    0.2 + 0.4 * rng.nextDouble(),
                    itemTaste,
                    rng.nextBoolean()));
        }
        return out;
    }

    private static RecommendationContext context(
            Family f, LocalDateTime now, Map<String, Tally> history, SplittableRandom rng) {
        Double stress = rng.nextDouble() < 0.1 ? null : clip(f.baseStress() + 0.15 * gaussian(rng), 0, 1);
        Double trend = rng.nextDouble() < 0.2 ? null : 0.02 * gaussian(rng);
        Double debt = rng.nextDouble() < 0.2 ? null : 0.3 + 0.8 * gaussian(rng);
        Integer peak = rng.nextDouble() < 0.3 ? null : rng.nextInt(24);
        boolean exam = rng.nextDouble() < 0.12;
        Map<String, String> verdicts = new HashMap<>();
        if (f.causalKnown()) {
            verdicts.put("mindfulness", f.taste() == Taste.CALM ? "helps" : "no_evidence");
            verdicts.put("screen_free_evening", f.taste() == Taste.SLEEP ? "helps" : "no_evidence");
        }
        DayOfWeek weekday = now.getDayOfWeek();
        return new RecommendationContext(
                stress, trend, debt, f.chronotype(), peak, exam, now.getHour(), weekday, f.age(), history, verdicts);
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller: SplittableRandom's own nextGaussian is only there from Java 17's RandomGenerator default.
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double clip(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double mean(double[] v, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += v[i];
        }
        return sum / (to - from);
    }

    /** Prints the figures of the default run and of the two A/B checks (for docs/BENCHMARKS.md). */
    public static void main(String[] args) {
        FamilySimulator sim = new FamilySimulator(InterventionCatalogue.bundled());
        Settings s = Settings.defaults();
        long started = System.nanoTime();
        Result r = sim.run(s);
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
                Locale.ROOT,
                "FamilySimulator: %d families, %d rounds, seed %d, epsilon %.2f top-%d, retrain every %d, %d ms%n",
                s.families(),
                s.rounds(),
                s.seed(),
                s.policy().epsilon(),
                s.policy().topK(),
                s.retrainEvery(),
                ms);
        System.out.println("rounds   policy  oracle  policy/oracle  observed");
        for (Block b : r.blocks()) {
            System.out.printf(
                    Locale.ROOT,
                    "%3d-%-3d  %.3f   %.3f   %5.1f%%         %.3f%n",
                    b.firstRound(),
                    b.lastRound(),
                    b.policyRate(),
                    b.oracleRate(),
                    100 * b.policyRate() / b.oracleRate(),
                    b.observedRate());
        }
        System.out.printf(
                Locale.ROOT,
                "cold start (round 1) %.3f; final (last %d rounds) %.3f; oracle %.3f; 80%% of oracle reached at round"
                        + " %d%n",
                r.coldStartRate(),
                s.window(),
                r.finalRate(),
                r.oracleRate(),
                r.roundsTo80());
        System.out.printf(Locale.ROOT, "promotions %d, rollbacks %d%n", r.promotions(), r.rollbacks());
        for (Event e : r.events()) {
            System.out.printf(Locale.ROOT, "  round %d, item %d: %s%n", e.round(), e.feedbackItems(), e.what());
        }
        AbOutcome better = sim.headToHead(LinearModel.coldStart(sim.encoder()), r.active(), 7L);
        AbOutcome worse = sim.headToHead(r.active(), r.active().negated(), 8L);
        System.out.println("A/B cold start vs learned: " + describe(better));
        System.out.println("A/B learned vs negated: " + describe(worse));
    }

    private static String describe(AbOutcome o) {
        return String.format(
                Locale.ROOT,
                "%s after %d rounds, control %d/%d from %d children (design effect %.2f), candidate %d/%d from %d"
                        + " (%.2f), p = %.3g (pooled test p = %.3g)",
                o.decision(),
                o.rounds(),
                o.control().helpful(),
                o.control().exposures(),
                o.control().childCount(),
                AbStatistics.designEffect(o.control()),
                o.candidate().helpful(),
                o.candidate().exposures(),
                o.candidate().childCount(),
                AbStatistics.designEffect(o.candidate()),
                o.pValue(),
                o.pooledPValue());
    }
}

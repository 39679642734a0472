package org.zenmoon.analysis.recommend;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Logged decisions with a known truth: random contexts and candidate lists, a logging policy, and rewards drawn
 * from a known model's probabilities.
 */
final class SyntheticLogs {

    static final InterventionCatalogue CATALOGUE = InterventionCatalogue.bundled();
    static final FeatureEncoder ENC = new FeatureEncoder(CATALOGUE);

    /** A decision and the true 👍 probability of each of its candidates. */
    record Logged(LoggedDecision decision, List<Intervention> candidates, double[] truth) {}

    private SyntheticLogs() {}

    static LinearModel randomModel(long seed, double scale) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] w = new float[ENC.dimension()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (scale * rng.nextDouble(-1, 1));
        }
        return new LinearModel(FeatureEncoder.VERSION, CATALOGUE.version(), w, (float) rng.nextDouble(-0.5, 0.5));
    }

    static RecommendationContext context(SplittableRandom rng) {
        String[] chronotypes = {"early_bird", "intermediate", "night_owl", null};
        List<Intervention> all = CATALOGUE.interventions();
        Map<String, Tally> history = new HashMap<>();
        history.put(all.get(rng.nextInt(all.size())).id(), new Tally(6, rng.nextInt(4), rng.nextInt(3)));
        history.merge(all.get(rng.nextInt(all.size())).id(), new Tally(3, rng.nextInt(2), rng.nextInt(2)), Tally::plus);
        return new RecommendationContext(
                rng.nextDouble() < 0.1 ? null : rng.nextDouble(),
                rng.nextDouble() < 0.2 ? null : rng.nextDouble(-0.05, 0.05),
                rng.nextDouble() < 0.2 ? null : rng.nextDouble(-1, 3),
                chronotypes[rng.nextInt(4)],
                rng.nextDouble() < 0.3 ? null : rng.nextInt(24),
                rng.nextDouble() < 0.15,
                7 + rng.nextInt(14),
                DayOfWeek.of(1 + rng.nextInt(7)),
                6 + rng.nextInt(12),
                history,
                Map.of("mindfulness", rng.nextBoolean() ? "helps" : "no_evidence"));
    }

    /**
     * {@code n} decisions over {@code perDecision} random age-suitable candidates each, chosen by {@code logger}
     * served with {@code settings}, rewarded 1 with the truth's probability.
     */
    static List<Logged> generate(
            int n, int perDecision, LinearModel truth, LinearModel logger, PolicySettings settings, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Logged> out = new ArrayList<>();
        Instant t0 = Instant.parse("2026-09-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            RecommendationContext x = context(rng);
            List<Intervention> pool = new ArrayList<>(CATALOGUE.suitableFor(x.ageYears()));
            List<Intervention> candidates = new ArrayList<>();
            while (candidates.size() < perDecision && !pool.isEmpty()) {
                candidates.add(pool.remove(rng.nextInt(pool.size())));
            }
            float[][] f = ENC.encodeAll(x, candidates);
            double[] p = truth.score(f);
            List<String> ids = candidates.stream().map(Intervention::id).toList();
            Choice c = EpsilonGreedy.choose(ids, logger.score(f), settings, rng);
            double reward = rng.nextDouble() < p[c.index()] ? 1 : 0;
            out.add(new Logged(
                    new LoggedDecision(
                            "child-" + (i % 97), x, ids, c.id(), c.propensity(), reward, t0.plusSeconds(60L * i)),
                    candidates,
                    p));
        }
        return out;
    }

    static List<LoggedDecision> decisions(List<Logged> logged) {
        return logged.stream().map(Logged::decision).toList();
    }
}

package org.zenmoon.application;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.zenmoon.analysis.recommend.AbDecision;
import org.zenmoon.analysis.recommend.AbSettings;
import org.zenmoon.analysis.recommend.AbStatistics;
import org.zenmoon.analysis.recommend.ChildTally;
import org.zenmoon.analysis.recommend.ClusteredArm;
import org.zenmoon.analysis.recommend.FeatureEncoder;
import org.zenmoon.analysis.recommend.InterventionCatalogue;
import org.zenmoon.analysis.recommend.LinearModel;
import org.zenmoon.analysis.recommend.PolicySettings;
import org.zenmoon.analysis.recommend.StickyAssignment;
import org.zenmoon.domain.model.recommendation.ModelRepository;
import org.zenmoon.domain.model.recommendation.ModelStatus;
import org.zenmoon.domain.model.recommendation.ModelVersion;
import org.zenmoon.domain.model.recommendation.RecommendationRepository;
import org.zenmoon.domain.model.recommendation.RecommendationRepository.ArmCount;

/**
 * A tenant's model versions through their life, inside the calling service's transaction: the active model (a cold
 * start, with no preference, until the first retraining), the A/B arm a child is in while a candidate is tested
 * (sticky: a hash of the candidate and the child), and the A/B decision (promote when significantly better, roll back
 * when significantly worse, by the cluster-robust test over the children of each arm: {@link AbStatistics#decide}).
 * Every change is recorded as a {@code model_event}.
 */
@Dependent
class ModelLifecycle {

    static final String CONTROL = "control";
    static final String CANDIDATE = "candidate";

    @Inject
    ModelRepository models;

    @Inject
    RecommendationRepository recommendations;

    @Inject
    RecommenderSettings settings;

    /** The model that serves a child, and the child's arm. */
    record Serving(ModelVersion model, String arm) {}

    /**
     * How a model explores: one trained on nothing knows no preference, so it chooses uniformly among all candidates
     * (each with propensity 1/n); a trained one is epsilon-greedy among its top candidates.
     */
    PolicySettings policyOf(ModelVersion model) {
        return model.trainedOn() == 0 ? PolicySettings.uniform() : settings.policy();
    }

    Serving servingFor(String childId, Instant now) {
        ModelVersion active = active(now);
        Optional<ModelVersion> candidate = candidate(now);
        if (candidate.isPresent()
                && StickyAssignment.inCandidateArm(candidate.get().id(), childId, settings.candidateShare)) {
            return new Serving(candidate.get(), CANDIDATE);
        }
        return new Serving(active, CONTROL);
    }

    /**
     * The active version; a cold start when there is none yet, or when the active one was built for other features
     * or another catalogue than this version of ZenMoon uses.
     */
    ModelVersion active(Instant now) {
        Optional<ModelVersion> active = models.withStatus(RecommenderSettings.MODEL, ModelStatus.ACTIVE);
        if (active.isPresent() && usable(active.get())) {
            return active.get();
        }
        active.ifPresent(old -> {
            if (models.changeStatus(old.id(), ModelStatus.ACTIVE, ModelStatus.RETIRED, now)) {
                models.event("replaced", old.id(), reason("built for other features or another catalogue"), now);
            }
        });
        FeatureEncoder encoder = new FeatureEncoder(InterventionCatalogue.bundled());
        LinearModel cold = LinearModel.coldStart(encoder);
        ModelVersion v = version(cold, ModelStatus.ACTIVE, null, 0, now);
        if (models.insert(v, cold.toOnnx())) {
            models.event("cold_start", v.id(), reason("no model yet: every intervention scores the same"), now);
            return v;
        }
        // Another request made it first.
        return models.withStatus(RecommenderSettings.MODEL, ModelStatus.ACTIVE).orElseThrow();
    }

    /**
     * The version under A/B test, if any; one built for other features or another catalogue (left by an upgrade)
     * is retired, since it could not score today's candidates.
     */
    private Optional<ModelVersion> candidate(Instant now) {
        Optional<ModelVersion> candidate = models.withStatus(RecommenderSettings.MODEL, ModelStatus.CANDIDATE);
        if (candidate.isPresent() && !usable(candidate.get())) {
            if (models.changeStatus(candidate.get().id(), ModelStatus.CANDIDATE, ModelStatus.RETIRED, now)) {
                models.event(
                        "replaced", candidate.get().id(), reason("built for other features or another catalogue"), now);
            }
            return Optional.empty();
        }
        return candidate;
    }

    static boolean usable(ModelVersion v) {
        return v.featureVersion() == FeatureEncoder.VERSION
                && v.catalogueVersion().equals(InterventionCatalogue.bundled().version());
    }

    ModelVersion version(LinearModel m, ModelStatus status, String metricsJson, int trainedOn, Instant now) {
        return new ModelVersion(
                UUID.randomUUID().toString(),
                RecommenderSettings.MODEL,
                models.nextVersion(RecommenderSettings.MODEL),
                status,
                m.featureVersion(),
                m.catalogueVersion(),
                parameters(m),
                metricsJson,
                trainedOn,
                now,
                now);
    }

    /** Settles a running A/B test when its answer is clear. */
    Optional<AbDecision> decide(Instant now) {
        if (models.withStatus(RecommenderSettings.MODEL, ModelStatus.CANDIDATE).isEmpty()) {
            return Optional.empty();
        }
        // One decision at a time: another answer or the retraining may be deciding about the same versions.
        models.lockLive(RecommenderSettings.MODEL);
        Optional<ModelVersion> candidate = candidate(now);
        if (candidate.isEmpty()) {
            return Optional.empty();
        }
        ModelVersion active = active(now);
        Instant since = candidate.get().statusAt();
        ArmCount control = recommendations.count(active.id(), since);
        ArmCount tested = recommendations.count(candidate.get().id(), since);
        ClusteredArm c = arm(recommendations, active.id(), since);
        ClusteredArm t = arm(recommendations, candidate.get().id(), since);
        AbSettings ab = settings.ab();
        AbDecision decision = AbStatistics.decide(c, t, ab);
        boolean fewChildren = Math.min(c.childCount(), t.childCount()) < ab.minChildrenPerArm();
        String detail = Json.createObjectBuilder()
                .add(
                        "reason",
                        switch (decision) {
                            case PROMOTE -> "the candidate's 👍 rate is significantly higher";
                            case ROLLBACK ->
                                fewChildren
                                        ? "fewer than " + ab.minChildrenPerArm() + " children answered in an arm by"
                                                + " the test's limit: the candidate was not shown better"
                                        : t.rate() < c.rate()
                                                ? "the candidate's 👍 rate is significantly lower, or not shown"
                                                        + " higher by the test's limit"
                                                : "the candidate was not shown better within the test's limit";
                            case CONTINUE -> "not decided yet";
                        })
                .add("control", tally(active, control, c))
                .add("candidate", tally(candidate.get(), tested, t))
                .add("pValue", AbStatistics.clusteredPValue(c, t))
                .build()
                .toString();
        switch (decision) {
            case PROMOTE -> {
                if (models.changeStatus(active.id(), ModelStatus.ACTIVE, ModelStatus.RETIRED, now)
                        && models.changeStatus(candidate.get().id(), ModelStatus.CANDIDATE, ModelStatus.ACTIVE, now)) {
                    models.event("promoted", candidate.get().id(), detail, now);
                }
            }
            case ROLLBACK -> {
                if (models.changeStatus(candidate.get().id(), ModelStatus.CANDIDATE, ModelStatus.RETIRED, now)) {
                    models.event("rolled_back", candidate.get().id(), detail, now);
                }
            }
            case CONTINUE -> {
                // Not enough evidence either way yet.
            }
        }
        return Optional.of(decision);
    }

    /**
     * The version's answers since {@code since}, grouped by the child who gave them: the A/B test's unit is the
     * child (assignment is sticky per child and a family answers many times). Counts only, no child named.
     */
    static ClusteredArm arm(RecommendationRepository recommendations, String modelVersion, Instant since) {
        List<ChildTally> children = recommendations.countPerChild(modelVersion, since).stream()
                .map(n -> new ChildTally(n.answered(), n.helpful()))
                .toList();
        return new ClusteredArm(children);
    }

    private static JsonObject tally(ModelVersion v, ArmCount n, ClusteredArm arm) {
        return Json.createObjectBuilder()
                .add("modelVersion", v.id())
                .add("version", v.version())
                .add("served", n.served())
                .add("answered", arm.exposures())
                .add("helpful", arm.helpful())
                .add("children", arm.childCount())
                .add("designEffect", AbStatistics.designEffect(arm))
                .build();
    }

    static String reason(String text) {
        return Json.createObjectBuilder().add("reason", text).build().toString();
    }

    /** The model's weights as stored beside its ONNX (the offline evaluation reads them back). */
    static String parameters(LinearModel m) {
        return m.toJson();
    }

    static LinearModel model(ModelVersion v) {
        return LinearModel.fromJson(v.parametersJson());
    }
}

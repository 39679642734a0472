package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.zenmoon.analysis.recommend.Comparison;
import org.zenmoon.analysis.recommend.FeatureEncoder;
import org.zenmoon.analysis.recommend.InterventionCatalogue;
import org.zenmoon.analysis.recommend.LinearModel;
import org.zenmoon.analysis.recommend.LoggedDecision;
import org.zenmoon.analysis.recommend.LogisticTrainer;
import org.zenmoon.analysis.recommend.OffPolicyEvaluation;
import org.zenmoon.analysis.recommend.PolicyValue;
import org.zenmoon.analysis.recommend.RecommendationContext;
import org.zenmoon.analysis.recommend.Split;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.child.ConcernsChildren;
import org.zenmoon.domain.model.recommendation.LoggedFeedback;
import org.zenmoon.domain.model.recommendation.ModelRepository;
import org.zenmoon.domain.model.recommendation.ModelStatus;
import org.zenmoon.domain.model.recommendation.ModelVersion;
import org.zenmoon.domain.model.recommendation.RecommendationRepository;

/**
 * The {@code retrain-recommender} job's work for one tenant: settle a running A/B test, then train a candidate on the
 * answered recommendations of children with model-training consent (older logs), compare it offline with the active
 * model on the newest logs (inverse propensity and doubly robust estimates of the 👍 rate each policy would get), and
 * let it into an A/B test only when it is not estimated to be worse. While an A/B test runs, no new candidate is
 * trained: the test decides first (and ends, inconclusive, at {@code zenmoon.recommender.ab.max-per-arm}). Every
 * outcome is a {@code model_event}.
 */
@Stateless
@TenantBound
@Requires(Permission.RUN_JOBS)
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RecommenderTraining {

    public static final String JOB = "retrain-recommender";

    private static final Logger LOG = Logger.getLogger(RecommenderTraining.class.getName());

    @Inject
    RecommendationRepository recommendations;

    @Inject
    ModelRepository models;

    @Inject
    ModelLifecycle lifecycle;

    @Inject
    RecommenderSettings settings;

    @Inject
    Clock clock;

    /**
     * What one retraining did, for the job's exit status; the children whose answers it read are audited, one row
     * each, so that each child's disclosure log shows its data trained a model.
     */
    public record Outcome(int records, int skippedRecords, String summary, List<String> namedChildIds)
            implements ConcernsChildren {}

    @Audited("job")
    public Outcome retrain() {
        Instant now = clock.instant();
        lifecycle.decide(now);
        InterventionCatalogue catalogue = InterventionCatalogue.bundled();
        List<LoggedDecision> logs = new ArrayList<>();
        int unusable = 0;
        for (LoggedFeedback f : recommendations.trainingRecords()) {
            try {
                if (f.candidates().stream().allMatch(id -> catalogue.byId(id).isPresent())) {
                    logs.add(new LoggedDecision(
                            f.childId(),
                            RecommendationContext.fromJson(f.contextJson()),
                            f.candidates(),
                            f.intervention(),
                            f.propensity(),
                            f.helpful() ? 1.0 : 0.0,
                            f.createdAt()));
                } else {
                    unusable++;
                }
            } catch (RuntimeException e) {
                // A record from an older catalogue or context version: left out, counted.
                unusable++;
            }
        }
        if (logs.size() < settings.minTrainingRecords) {
            String summary = "too few training records: " + logs.size() + " of " + settings.minTrainingRecords;
            models.event(
                    "skipped",
                    null,
                    Json.createObjectBuilder()
                            .add("reason", summary)
                            .add("records", logs.size())
                            .build()
                            .toString(),
                    now);
            return new Outcome(logs.size(), unusable, summary, childrenOf(logs));
        }
        Optional<ModelVersion> tested = models.withStatus(RecommenderSettings.MODEL, ModelStatus.CANDIDATE);
        if (tested.isPresent()) {
            String summary = "an A/B test of v" + tested.get().version() + " is running: it decides first";
            models.event("skipped", tested.get().id(), ModelLifecycle.reason(summary), now);
            return new Outcome(logs.size(), unusable, summary, childrenOf(logs));
        }
        FeatureEncoder encoder = new FeatureEncoder(catalogue);
        Split split = OffPolicyEvaluation.splitByTime(logs, settings.heldOutShare);
        LinearModel trained = new LogisticTrainer(settings.l2).fit(split.training(), encoder, catalogue.version());
        ModelVersion active = lifecycle.active(now);
        LinearModel current = ModelLifecycle.model(active);
        // The reward model of the doubly robust estimate is fitted on the training logs, like the candidate.
        Comparison c = OffPolicyEvaluation.compare(
                split.heldOut(),
                trained,
                settings.policy(),
                current,
                lifecycle.policyOf(active),
                trained,
                encoder,
                catalogue,
                settings.offlineTolerance);
        ModelStatus status = c.notWorse() ? ModelStatus.CANDIDATE : ModelStatus.REJECTED;
        String metrics = metrics(c, split, active).toString();
        ModelVersion v =
                lifecycle.version(trained, status, metrics, split.training().size(), now);
        if (!models.insert(v, trained.toOnnx())) {
            throw new ConflictException("Another retraining stored a model version at the same time.");
        }
        models.event("trained", v.id(), metrics, now);
        models.event(
                status == ModelStatus.CANDIDATE ? "ab_started" : "rejected",
                v.id(),
                Json.createObjectBuilder()
                        .add("version", v.version())
                        .add("against", active.version())
                        .add("notWorse", c.notWorse())
                        .add("candidateShare", settings.candidateShare)
                        .build()
                        .toString(),
                now);
        String summary = "v" + v.version() + " " + status.label() + ": DR "
                + round(c.candidate().dr()) + " vs "
                + round(c.current().dr()) + " (v" + active.version() + ") on "
                + split.heldOut().size()
                + " held-out answers";
        LOG.info(() -> "recommender retrained: " + summary);
        return new Outcome(logs.size(), unusable, summary, childrenOf(logs));
    }

    private static List<String> childrenOf(List<LoggedDecision> logs) {
        return logs.stream().map(LoggedDecision::childId).distinct().toList();
    }

    private static JsonObject metrics(Comparison c, Split split, ModelVersion active) {
        JsonObjectBuilder m = Json.createObjectBuilder()
                .add("trainingRecords", split.training().size())
                .add("heldOutRecords", split.heldOut().size())
                .add("against", active.id())
                .add("againstVersion", active.version())
                .add("candidate", value(c.candidate()))
                .add("current", value(c.current()))
                .add("notWorse", c.notWorse());
        number(m, "drDifference", c.drDifference());
        number(m, "differenceLow95", c.differenceLow95());
        number(m, "differenceHigh95", c.differenceHigh95());
        return m.build();
    }

    private static JsonObject value(PolicyValue v) {
        JsonObjectBuilder o = Json.createObjectBuilder().add("n", v.n());
        number(o, "ips", v.ips());
        number(o, "snips", v.snips());
        number(o, "dr", v.dr());
        number(o, "drStdError", v.drStdError());
        return o.build();
    }

    /** JSON has no NaN: an estimate that cannot be made (no held-out record) is null. */
    private static void number(JsonObjectBuilder o, String key, double x) {
        if (Double.isFinite(x)) {
            o.add(key, x);
        } else {
            o.addNull(key);
        }
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}

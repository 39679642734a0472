package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.zenmoon.analysis.recommend.AbStatistics;
import org.zenmoon.analysis.recommend.ArmTally;
import org.zenmoon.analysis.recommend.Proportion;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.recommendation.ModelRepository;
import org.zenmoon.domain.model.recommendation.ModelStatus;
import org.zenmoon.domain.model.recommendation.ModelVersion;
import org.zenmoon.domain.model.recommendation.RecommendationRepository;
import org.zenmoon.domain.model.recommendation.RecommendationRepository.ArmCount;

/**
 * The tenant admin's view of the recommender: the A/B test (per arm the model version, exposures, 👍 rate with its
 * 95% Wilson interval, and the two-proportion test's p-value), the model versions with their offline evaluation, and
 * the history of every step. Aggregates only: no child is named.
 */
@Stateless
@TenantBound
@Requires(Permission.READ_MODELS)
public class ModelReports {

    @Inject
    ModelRepository models;

    @Inject
    RecommendationRepository recommendations;

    @Inject
    RecommenderSettings settings;

    @Inject
    Clock clock;

    public record Arm(
            String arm,
            String modelVersion,
            int version,
            long served,
            long exposures,
            long helpful,
            Double rate,
            Double low95,
            Double high95) {}

    public record Version(
            String modelVersion,
            int version,
            String status,
            Instant createdAt,
            Instant statusAt,
            int trainedOn,
            JsonObject metrics) {}

    public record Step(Instant at, String kind, String modelVersion, JsonObject detail) {}

    public record AbReport(
            String state,
            Instant since,
            List<Arm> arms,
            Double pValue,
            double candidateShare,
            long minPerArm,
            double alpha,
            List<Version> versions,
            List<Step> history) {}

    public AbReport abReport(int historyLimit) {
        Optional<ModelVersion> active = models.withStatus(RecommenderSettings.MODEL, ModelStatus.ACTIVE);
        Optional<ModelVersion> candidate = models.withStatus(RecommenderSettings.MODEL, ModelStatus.CANDIDATE);
        Instant since = candidate
                .map(ModelVersion::statusAt)
                .or(() -> active.map(ModelVersion::statusAt))
                .orElse(clock.instant());
        List<Arm> arms = new ArrayList<>();
        active.ifPresent(v -> arms.add(arm(ModelLifecycle.CONTROL, v, since)));
        candidate.ifPresent(v -> arms.add(arm(ModelLifecycle.CANDIDATE, v, since)));
        Double p = null;
        if (arms.size() == 2) {
            p = AbStatistics.twoProportionPValue(tally(arms.get(0)), tally(arms.get(1)));
        }
        List<Version> versions = models.versions(RecommenderSettings.MODEL).stream()
                .map(v -> new Version(
                        v.id(),
                        v.version(),
                        v.status().label(),
                        v.createdAt(),
                        v.statusAt(),
                        v.trainedOn(),
                        json(v.metricsJson())))
                .toList();
        return new AbReport(
                candidate.isPresent() ? "running" : active.isPresent() ? "no_test" : "no_model",
                since,
                arms,
                p,
                settings.candidateShare,
                settings.minPerArm,
                settings.alpha,
                versions,
                models.events(historyLimit).stream()
                        .map(e -> new Step(e.at(), e.kind(), e.modelVersion(), json(e.detailJson())))
                        .toList());
    }

    private Arm arm(String name, ModelVersion v, Instant since) {
        ArmCount n = recommendations.count(v.id(), since);
        Proportion rate = n.answered() == 0 ? null : AbStatistics.wilson(n.helpful(), n.answered());
        return new Arm(
                name,
                v.id(),
                v.version(),
                n.served(),
                n.answered(),
                n.helpful(),
                rate == null ? null : rate.rate(),
                rate == null ? null : rate.low95(),
                rate == null ? null : rate.high95());
    }

    private static JsonObject json(String text) {
        if (text == null) {
            return null;
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static ArmTally tally(Arm a) {
        return new ArmTally(a.exposures(), a.helpful());
    }
}

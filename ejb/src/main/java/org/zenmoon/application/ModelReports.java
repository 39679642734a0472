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
import org.zenmoon.analysis.recommend.ClusteredArm;
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
 * The tenant admin's view of the recommender: the A/B test (per arm the model version, exposures, the children who
 * answered, the 👍 rate with its 95% Wilson interval on the effective number of answers, and the cluster-robust
 * test's p-value, as the decision uses them: {@link AbStatistics}), the model versions with their offline
 * evaluation, and the history of every step. Aggregates only: no child is named.
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

    /**
     * One arm of the A/B test.
     *
     * @param exposures          answered recommendations
     * @param rate               the 👍 rate, null without answers
     * @param low95              the lower end of its 95% Wilson interval on {@code effectiveExposures}
     * @param high95             the upper end
     * @param children           the children whose families answered (the test's unit)
     * @param designEffect       how much the answers' clustering by child inflates the rate's variance over as many
     *                           independent answers (at least 1); null without answers
     * @param effectiveExposures exposures / designEffect: as many independent answers would tell as much
     */
    public record Arm(
            String arm,
            String modelVersion,
            int version,
            long served,
            long exposures,
            long helpful,
            Double rate,
            Double low95,
            Double high95,
            Long children,
            Double designEffect,
            Double effectiveExposures) {}

    public record Version(
            String modelVersion,
            int version,
            String status,
            Instant createdAt,
            Instant statusAt,
            int trainedOn,
            JsonObject metrics) {}

    public record Step(Instant at, String kind, String modelVersion, JsonObject detail) {}

    /**
     * @param pValue            the cluster-robust test's two-sided p-value ({@link AbStatistics#clusteredPValue})
     * @param minChildrenPerArm the children each arm needs before the test may decide
     */
    public record AbReport(
            String state,
            Instant since,
            List<Arm> arms,
            Double pValue,
            double candidateShare,
            long minPerArm,
            double alpha,
            List<Version> versions,
            List<Step> history,
            int minChildrenPerArm) {}

    public AbReport abReport(int historyLimit) {
        Optional<ModelVersion> active = models.withStatus(RecommenderSettings.MODEL, ModelStatus.ACTIVE);
        Optional<ModelVersion> candidate = models.withStatus(RecommenderSettings.MODEL, ModelStatus.CANDIDATE);
        Instant since = candidate
                .map(ModelVersion::statusAt)
                .or(() -> active.map(ModelVersion::statusAt))
                .orElse(clock.instant());
        List<Arm> arms = new ArrayList<>();
        List<ClusteredArm> answers = new ArrayList<>();
        active.ifPresent(v -> arms.add(arm(ModelLifecycle.CONTROL, v, since, answers)));
        candidate.ifPresent(v -> arms.add(arm(ModelLifecycle.CANDIDATE, v, since, answers)));
        Double p = null;
        if (arms.size() == 2) {
            p = AbStatistics.clusteredPValue(answers.get(0), answers.get(1));
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
                        .toList(),
                settings.minChildrenPerArm);
    }

    private Arm arm(String name, ModelVersion v, Instant since, List<ClusteredArm> answers) {
        ArmCount n = recommendations.count(v.id(), since);
        ClusteredArm byChild = ModelLifecycle.arm(recommendations, v.id(), since);
        answers.add(byChild);
        boolean answered = byChild.exposures() > 0;
        Proportion rate = answered ? AbStatistics.interval(byChild) : null;
        double deff = AbStatistics.designEffect(byChild);
        return new Arm(
                name,
                v.id(),
                v.version(),
                n.served(),
                byChild.exposures(),
                byChild.helpful(),
                rate == null ? null : rate.rate(),
                rate == null ? null : rate.low95(),
                rate == null ? null : rate.high95(),
                (long) byChild.childCount(),
                answered ? deff : null,
                answered ? byChild.exposures() / deff : null);
    }

    private static JsonObject json(String text) {
        if (text == null) {
            return null;
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}

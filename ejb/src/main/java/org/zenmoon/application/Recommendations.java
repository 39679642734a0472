package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.zenmoon.analysis.recommend.Choice;
import org.zenmoon.analysis.recommend.ChronotypeTiming;
import org.zenmoon.analysis.recommend.EpsilonGreedy;
import org.zenmoon.analysis.recommend.FeatureEncoder;
import org.zenmoon.analysis.recommend.Intervention;
import org.zenmoon.analysis.recommend.InterventionCatalogue;
import org.zenmoon.analysis.recommend.Reasons;
import org.zenmoon.analysis.recommend.RecommendationContext;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.child.ChildSummary;
import org.zenmoon.domain.model.child.ConcernsAChild;
import org.zenmoon.domain.model.recommendation.ModelRepository;
import org.zenmoon.domain.model.recommendation.ModelScorer;
import org.zenmoon.domain.model.recommendation.NewRecommendation;
import org.zenmoon.domain.model.recommendation.RecommendationRepository;
import org.zenmoon.domain.model.recommendation.StoredRecommendation;

/**
 * The recommendation loop as parents see it: the next recommendation for a child (ranked by the tenant's model in
 * ONNX Runtime, explored epsilon-greedily among the top candidates, its propensity logged, timed by the chronotype),
 * a guardian's 👍/👎 on it, and the child's past recommendations. Every Nth answer of the tenant starts the
 * retraining job, after commit ({@link RetrainDue}); each answer may settle a running A/B test.
 *
 * <p>A child without model-training consent is served like any other; its answers are never training records
 * ({@code RecommendationRepository#trainingRecords} reads consent when the job trains).
 */
@Stateless
@TenantBound
public class Recommendations {

    /** An open recommendation is shown again until it is answered or its time is this far past. */
    static final Duration STILL_DUE = Duration.ofHours(1);

    @Inject
    ChildDirectory directory;

    @Inject
    RecommendationRepository recommendations;

    @Inject
    ModelRepository models;

    @Inject
    ModelScorer scorer;

    @Inject
    SituationReader situations;

    @Inject
    ModelLifecycle lifecycle;

    @Inject
    SituationMemory memory;

    @Inject
    RecommendationPhrasing phrasing;

    @Inject
    RecommenderSettings settings;

    @Inject
    CallerContext callers;

    @Inject
    Event<RetrainDue> retrainDue;

    @Inject
    java.time.Clock clock;

    @Inject
    TenantZone zones;

    /** A guardian's answer, as stored. */
    public record Answer(String childId, String recommendationId, boolean helpful, boolean replaced)
            implements ConcernsAChild {}

    /**
     * The child's open recommendation (not answered, its time not long past, made within
     * {@code zenmoon.recommender.reuse-for}), or a new one.
     */
    @Requires(Permission.READ_CHILDREN)
    @Audited("write")
    public StoredRecommendation next(String childId) {
        ChildSummary child = directory.find(childId);
        Instant now = clock.instant();
        var open = recommendations.openSince(childId, now.minus(settings.reuseFor));
        if (open.isPresent() && open.get().scheduledFor().isAfter(now.minus(STILL_DUE))) {
            return open.get();
        }
        return recommend(child, now);
    }

    private StoredRecommendation recommend(ChildSummary child, Instant now) {
        InterventionCatalogue catalogue = InterventionCatalogue.bundled();
        RecommendationContext context = situations.read(child, now);
        List<Intervention> candidates = catalogue.suitableFor(context.ageYears());
        if (candidates.isEmpty()) {
            throw NotFoundException.because("No recommendation: the catalogue has nothing for a child of "
                    + context.ageYears() + " (it covers ages " + catalogue.minAge() + " to " + catalogue.maxAge()
                    + ").");
        }
        ModelLifecycle.Serving serving = lifecycle.servingFor(child.childId(), now);
        String modelId = serving.model().id();
        float[][] features = new FeatureEncoder(catalogue).encodeAll(context, candidates);
        double[] scores = scorer.score(modelId, () -> models.onnx(modelId), features);
        List<String> ids = candidates.stream().map(Intervention::id).toList();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Choice choice = EpsilonGreedy.choose(ids, scores, lifecycle.policyOf(serving.model()), random);
        Intervention chosen = candidates.get(choice.index());
        // Timed on the family's clock: the tenant's local time (an evening wind-down is in the local evening).
        ZoneId zone = zones.current();
        LocalDateTime at = ChronotypeTiming.scheduledFor(
                chosen, context.chronotype(), context.ageYears(), LocalDateTime.ofInstant(now, zone));
        String text = phrasing.phrase(
                chosen, chosen.text(random.nextInt(chosen.templates().size()), at.toLocalTime()), at.toLocalTime());
        List<String> why = new ArrayList<>(Reasons.why(context, chosen, context.chronotype(), at));
        memory.recall(child.childId(), context, chosen).ifPresent(r -> why.add(0, r));
        NewRecommendation made = new NewRecommendation(
                UUID.randomUUID().toString(),
                child.childId(),
                chosen.id(),
                text,
                at.atZone(zone).toInstant(),
                why,
                modelId,
                serving.arm(),
                context.toJson(),
                ids,
                choice.propensity(),
                now);
        recommendations.insert(made);
        return new StoredRecommendation(
                made.id(),
                made.childId(),
                made.intervention(),
                made.text(),
                made.scheduledFor(),
                made.why(),
                made.modelVersion(),
                made.arm(),
                now,
                null,
                null,
                null);
    }

    /**
     * A guardian's 👍/👎 on a recommendation of a linked child; a second answer replaces the first.
     *
     * @throws NotFoundException for a recommendation of a child the caller does not see
     */
    @Requires(Permission.GIVE_FEEDBACK)
    @Audited("write")
    public Answer feedback(String recommendationId, boolean helpful, String comment) {
        StoredRecommendation r =
                recommendations.find(recommendationId).orElseThrow(() -> new NotFoundException("Recommendation"));
        try {
            directory.find(r.childId());
        } catch (NotFoundException e) {
            throw new NotFoundException("Recommendation");
        }
        Instant now = clock.instant();
        boolean first =
                recommendations.answer(recommendationId, callers.current().userId(), helpful, comment, now);
        recommendations.contextOf(recommendationId).ifPresent(c -> memory.remember(r, c, helpful, now));
        lifecycle.decide(now);
        if (first && settings.retrainEvery > 0 && recommendations.answered() % settings.retrainEvery == 0) {
            retrainDue.fire(new RetrainDue(callers.current().tenantId()));
        }
        return new Answer(r.childId(), recommendationId, helpful, !first);
    }

    /** The child's latest recommendations with their answers, newest first. */
    @Requires(Permission.READ_CHILDREN)
    @Audited
    public List<StoredRecommendation> history(String childId, int limit) {
        directory.find(childId);
        return recommendations.latest(childId, limit);
    }

    /**
     * The child's recommendations made in {@code [from, to)} (a page's days), newest first, with their answers: at
     * most {@code limit}, the newest.
     */
    @Requires(Permission.READ_CHILDREN)
    @Audited
    public List<StoredRecommendation> madeBetween(String childId, Instant from, Instant to, int limit) {
        directory.find(childId);
        return recommendations.madeBetween(childId, from, to, limit);
    }
}

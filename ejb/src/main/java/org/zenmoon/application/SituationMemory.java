package org.zenmoon.application;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zenmoon.analysis.recommend.Intervention;
import org.zenmoon.analysis.recommend.RecommendationContext;
import org.zenmoon.analysis.recommend.Situations;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.recommendation.SimilarSituation;
import org.zenmoon.domain.model.recommendation.SituationEmbedder;
import org.zenmoon.domain.model.recommendation.SituationVector;
import org.zenmoon.domain.model.recommendation.StoredRecommendation;
import org.zenmoon.domain.model.recommendation.VectorStore;

/**
 * The child's answered situations as vectors (context retrieval): each answer stores the situation the
 * recommendation was made in, and a new recommendation looks for the child's most similar past situation that got a
 * 👍 for the same intervention, to say so in its {@code why}. Retrieval only explains; it never changes the choice,
 * and a store that fails costs the reason, never the recommendation or the answer.
 */
@Dependent
class SituationMemory {

    /** How alike two situations' vectors must be to call them similar (cosine; BGE's paraphrases score above). */
    static final double SIMILAR = 0.85;

    /** Enough of the nearest to find the chosen intervention among the child's other helpful ones. */
    static final int NEAREST = 20;

    private static final Logger LOG = Logger.getLogger(SituationMemory.class.getName());

    @Inject
    SituationEmbedder embedder;

    @Inject
    VectorStore store;

    @Inject
    CallerContext callers;

    @Inject
    SituationReader situations;

    /** Keeps the answered situation of a child with analysis consent (the only children whose situation is known). */
    void remember(StoredRecommendation r, String contextJson, boolean helpful, Instant at) {
        if (!situations.analysed(r.childId())) {
            return;
        }
        try {
            String situation = Situations.describe(RecommendationContext.fromJson(contextJson));
            store.put(new SituationVector(
                    callers.current().tenantId(),
                    r.childId(),
                    r.recommendationId(),
                    r.intervention(),
                    situation,
                    helpful,
                    at,
                    embedder.embed(situation)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a situation could not be stored in the {0} vector store: {1}", new Object[] {
                store.name(), e.getClass().getSimpleName()
            });
        }
    }

    /** The reason to quote when the child's most similar helpful past situation had the same intervention. */
    Optional<String> recall(String childId, RecommendationContext context, Intervention chosen) {
        if (!situations.analysed(childId)) {
            return Optional.empty();
        }
        try {
            float[] query = embedder.embed(Situations.describe(context));
            return store.nearest(callers.current().tenantId(), childId, query, NEAREST, true).stream()
                    .filter(s -> s.similarity() >= SIMILAR && s.intervention().equals(chosen.id()))
                    .findFirst()
                    .map(SimilarSituation::situation)
                    .map(past -> Situations.rememberedReason(chosen, past));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the {0} vector store could not be searched: {1}", new Object[] {
                store.name(), e.getClass().getSimpleName()
            });
            return Optional.empty();
        }
    }
}

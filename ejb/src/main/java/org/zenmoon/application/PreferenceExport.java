package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.zenmoon.analysis.recommend.PreferencePairs;
import org.zenmoon.analysis.recommend.RecommendationContext;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.child.ConcernsChildren;
import org.zenmoon.domain.model.recommendation.LoggedFeedback;
import org.zenmoon.domain.model.recommendation.RecommendationRepository;

/**
 * The tenant's answers as preference pairs (JSONL prompt/chosen/rejected) for offline DPO or LoRA fine-tuning of the
 * optional phrasing model ({@code docs/RECOMMENDER.md}, "Preference pairs"): children with model-training consent only,
 * no child named in the pairs, and one audit row per child whose answers went in.
 */
@Stateless
@TenantBound
@Requires(Permission.READ_MODELS)
public class PreferenceExport {

    @Inject
    RecommendationRepository recommendations;

    /** The pairs, and the children they were made from (for the audit). */
    public record Export(List<PreferencePairs.Pair> pairs, List<String> namedChildIds) implements ConcernsChildren {}

    @Audited("export")
    public Export pairs() {
        List<PreferencePairs.Answered> answered = new ArrayList<>();
        for (LoggedFeedback f : recommendations.trainingRecords()) {
            try {
                answered.add(new PreferencePairs.Answered(
                        f.childId(), RecommendationContext.fromJson(f.contextJson()), f.text(), f.helpful()));
            } catch (RuntimeException e) {
                // A context from an older version that no longer reads: left out.
            }
        }
        return new Export(
                PreferencePairs.of(answered),
                answered.stream()
                        .map(PreferencePairs.Answered::childId)
                        .distinct()
                        .toList());
    }
}

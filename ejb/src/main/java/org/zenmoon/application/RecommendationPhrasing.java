package org.zenmoon.application;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.LocalTime;
import java.util.Optional;
import java.util.logging.Logger;
import org.zenmoon.analysis.recommend.Intervention;
import org.zenmoon.analysis.recommend.InterventionCatalogue;
import org.zenmoon.analysis.recommend.PhrasingGuardrails;
import org.zenmoon.domain.model.recommendation.TextRephraser;

/**
 * The words a parent reads: the catalogue's template, or, when a language model is configured
 * ({@code zenmoon.llm.url}), its rewording of that template if it passes {@link PhrasingGuardrails} (same
 * intervention, same time, short, no link, no diagnosis or medication). A timeout, an error or a refusal keeps the
 * template. The model is sent the template only: no name, no pseudonym, no measurement.
 */
@Dependent
class RecommendationPhrasing {

    static final String INSTRUCTION = "You reword one short suggestion for the parent of a school-age child. Keep the"
            + " same activity, the same time and the same meaning. Use warm, plain words, at most two sentences and"
            + " under 300 characters. Never mention a diagnosis, a condition, a medicine or a link. Answer with the"
            + " reworded suggestion only.";

    private static final Logger LOG = Logger.getLogger(RecommendationPhrasing.class.getName());

    @Inject
    TextRephraser rephraser;

    String phrase(Intervention chosen, String template, LocalTime at) {
        if (!rephraser.enabled()) {
            return template;
        }
        Optional<String> reworded = rephraser.rephrase(INSTRUCTION, template);
        if (reworded.isEmpty()) {
            return template;
        }
        Optional<String> refusal =
                PhrasingGuardrails.refusal(reworded.get(), chosen, template, at, InterventionCatalogue.bundled());
        if (refusal.isPresent()) {
            LOG.info(() ->
                    "a rewording of " + chosen.id() + " was refused (" + refusal.get() + "): the template is used");
            return template;
        }
        return reworded.get().strip();
    }
}

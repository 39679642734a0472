package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.recommend.Intervention;
import org.zenmoon.analysis.recommend.InterventionCatalogue;
import org.zenmoon.domain.model.recommendation.TextRephraser;

/**
 * The text a parent reads when a language model is configured. The model is a test double (no model can run here):
 * it answers what each test gives it, and records what it was sent.
 */
class RecommendationPhrasingTest {

    static final Intervention BOX =
            InterventionCatalogue.bundled().byId("box_breathing").orElseThrow();
    static final LocalTime AT = LocalTime.of(19, 30);
    static final String TEMPLATE = BOX.text(0, AT);

    static final class Model implements TextRephraser {
        final boolean enabled;
        final Optional<String> answer;
        final List<String> sent = new ArrayList<>();

        Model(boolean enabled, Optional<String> answer) {
            this.enabled = enabled;
            this.answer = answer;
        }

        @Override
        public boolean enabled() {
            return enabled;
        }

        @Override
        public Optional<String> rephrase(String instruction, String text) {
            sent.add(text);
            return answer;
        }
    }

    static String phrase(Model model) {
        RecommendationPhrasing p = new RecommendationPhrasing();
        p.rephraser = model;
        return p.phrase(BOX, TEMPLATE, AT);
    }

    @Test
    void withoutAModelTheTemplateIsShownAndNothingIsSent() {
        Model off = new Model(false, Optional.of("never used"));
        assertThat(phrase(off)).isEqualTo(TEMPLATE);
        assertThat(off.sent).isEmpty();
    }

    @Test
    void aGoodRewordingIsShownAndTheModelSeesOnlyTheTemplate() {
        Model good =
                new Model(true, Optional.of(" At 19:30, sit together and try box breathing: in, hold, out, hold. "));
        assertThat(phrase(good)).isEqualTo("At 19:30, sit together and try box breathing: in, hold, out, hold.");
        assertThat(good.sent).containsExactly(TEMPLATE);
    }

    @Test
    void aTimeoutOrARefusedRewordingKeepsTheTemplate() {
        assertThat(phrase(new Model(true, Optional.empty()))).isEqualTo(TEMPLATE);
        assertThat(phrase(new Model(true, Optional.of("At 19:30, box breathing helps children with ADHD."))))
                .isEqualTo(TEMPLATE);
        assertThat(phrase(new Model(true, Optional.of("At 19:30, go for a walk with your child instead."))))
                .isEqualTo(TEMPLATE);
    }
}

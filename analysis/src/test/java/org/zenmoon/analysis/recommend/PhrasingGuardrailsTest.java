package org.zenmoon.analysis.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class PhrasingGuardrailsTest {

    static final InterventionCatalogue CATALOGUE = InterventionCatalogue.bundled();
    static final Intervention BOX = CATALOGUE.byId("box_breathing").orElseThrow();
    static final LocalTime AT = LocalTime.of(19, 30);
    static final String TEMPLATE = BOX.text(0, AT);

    static java.util.Optional<String> refusal(String text) {
        return PhrasingGuardrails.refusal(text, BOX, TEMPLATE, AT, CATALOGUE);
    }

    @Test
    void aFaithfulFriendlyRephrasingIsShown() {
        assertThat(TEMPLATE).contains("19:30");
        assertThat(refusal("At 19:30, try a few rounds of box breathing together: in for four, hold, out for four."))
                .isEmpty();
    }

    @Test
    void medicalWordsLinksAndOtherAdviceFallBackToTheTemplate() {
        assertThat(refusal("At 19:30, box breathing can help with your child's anxiety disorder."))
                .contains("medical or diagnostic words");
        assertThat(refusal("At 19:30, do box breathing, then give 1 mg of melatonin."))
                .contains("medical or diagnostic words");
        assertThat(refusal("At 19:30, box breathing; see https://example.com for more."))
                .contains("a link");
        assertThat(refusal("At 19:30, how about some outdoor play in the garden together?"))
                .contains("the intervention is not named");
        assertThat(refusal("At 19:30, box breathing and then journaling before bed."))
                .contains("another intervention is named");
        assertThat(refusal("Tonight, try box breathing together for a few minutes."))
                .contains("the time is not kept");
        assertThat(refusal("Breathe.")).hasValueSatisfying(r -> assertThat(r).startsWith("length"));
        assertThat(refusal("x".repeat(400) + " box breathing 19:30"))
                .hasValueSatisfying(r -> assertThat(r).startsWith("length"));
        assertThat(refusal("   ")).contains("empty");
    }
}

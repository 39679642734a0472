package org.zenmoon.interfaces.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.chronotype.ChronotypeCategory;
import org.zenmoon.application.AtRiskReason;
import org.zenmoon.application.DashboardChild;
import org.zenmoon.application.DashboardQuery;

/** Every code the dashboard shows has words, and a flag's hover names the condition with the child's figures. */
class PortalWordsTest {

    static final PortalWords WORDS = new PortalWords(Locale.ENGLISH);

    static DashboardChild child(boolean assessed, AtRiskReason... reasons) {
        return new DashboardChild(
                "c", "Lynx-7", 2016, null, Instant.EPOCH, null, null, null, 4.0, assessed, List.of(reasons));
    }

    @Test
    void everyChronotypeHasWordsAndNoneIsItsCode() {
        assertThat(WORDS.chronotype("early_bird")).isEqualTo("Early bird");
        assertThat(WORDS.chronotype("night_owl")).isEqualTo("Night owl");
        assertThat(WORDS.chronotype(null)).isEqualTo("Not known");
        for (ChronotypeCategory c : ChronotypeCategory.values()) {
            assertThat(WORDS.chronotype(c.label()))
                    .isNotBlank()
                    .doesNotContain("_")
                    .isNotEqualTo(c.label());
        }
        assertThat(WORDS.chronotype(DashboardQuery.UNKNOWN)).isEqualTo("Not known");
    }

    @Test
    void everyReasonHasANameAndAHoverWithTheChildsFigures() {
        AtRiskReason stress = new AtRiskReason("sustained_stress", 0.4567, 0.3012, 0.10);
        assertThat(WORDS.reason("sustained_stress")).isEqualTo("Sustained stress");
        assertThat(WORDS.reasonInFull(stress))
                .startsWith("Sustained stress:")
                .contains("0.46", "0.30", "0.10", "last 7 days", "own 28 days", "at least 3 days")
                .doesNotContain("{", "''");

        AtRiskReason debt = new AtRiskReason("sleep_debt", 8.62, 9.8, 1.0);
        assertThat(WORDS.reason("sleep_debt")).isEqualTo("Sleep debt");
        assertThat(WORDS.reasonInFull(debt)).startsWith("Sleep debt:").contains("8.6 h", "9.8 h", "1.0 h less");

        AtRiskReason wear = new AtRiskReason("missed_wear", 0.25, null, 0.5);
        assertThat(WORDS.reason("missed_wear")).isEqualTo("Missed wear");
        assertThat(WORDS.reasonInFull(wear))
                .startsWith("Missed wear:")
                .contains("25%", "less than 50%", "child's first recorded minute");
    }

    @Test
    void theRuleInGeneralNamesEachConditionWithItsThresholdAndNoCode() {
        List<String> rule = WORDS.rule();
        assertThat(rule).hasSize(4);
        assertThat(rule.get(0)).contains("own 28 days before the last 7 complete days");
        assertThat(rule.get(1)).startsWith("Sustained stress:").contains("at least 0.10 above", "on at least 3 days");
        assertThat(rule.get(2)).startsWith("Sleep debt:").contains("at least 1.0 h shorter");
        assertThat(rule.get(3)).startsWith("Missed wear:").contains("less than 50%");
        assertThat(String.join(" ", rule)).doesNotContain("_", "{", "''");
    }

    @Test
    void theAtRiskColumnOfAnExportIsInWords() {
        assertThat(WORDS.atRisk(child(true))).isEqualTo("No");
        assertThat(WORDS.atRisk(child(false))).isEqualTo("Not assessed");
        assertThat(WORDS.atRisk(child(
                        true,
                        new AtRiskReason("sleep_debt", 8, 9.5, 1),
                        new AtRiskReason("missed_wear", 0.2, null, 0.5))))
                .isEqualTo("Sleep debt; Missed wear");
    }

    @Test
    void figuresHaveFixedDecimalsOrSayThereIsNoData() {
        assertThat(WORDS.figure(9.449, 1)).isEqualTo("9.4");
        assertThat(WORDS.figure(0.2, 2)).isEqualTo("0.20");
        assertThat(WORDS.figure(81.6, 0)).isEqualTo("82");
        assertThat(WORDS.figure(null, 1)).isEqualTo("no data");
    }

    @Test
    void anExportIsNamedAfterItsCohortAndDay() {
        assertThat(CohortPage.fileName("Year 5 Oak", LocalDate.of(2026, 12, 3))).isEqualTo("Year-5-Oak-2026-12-03");
        assertThat(CohortPage.fileName("../Ä/", LocalDate.of(2026, 12, 3))).isEqualTo("cohort-2026-12-03");
    }
}

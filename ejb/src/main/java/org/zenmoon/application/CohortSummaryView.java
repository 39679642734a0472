package org.zenmoon.application;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zenmoon.analysis.chronotype.ChronotypeCategory;
import org.zenmoon.domain.model.child.ConcernsChildren;
import org.zenmoon.domain.model.cohort.ChildTrend;
import org.zenmoon.domain.model.cohort.CohortDays;
import org.zenmoon.domain.model.cohort.CohortSummary;

/**
 * A cohort's summary for the portal and the parents' app (docs/analyses/cohort-summary.md; the shape is a contract):
 * the last {@value AtRiskRule#RECENT_DAYS} days' sleep and stress pooled over the children with analysis consent,
 * the cohort's chronotype mix and the children at risk by {@link AtRiskRule}. A figure drawn from fewer than
 * {@value #MIN_CHILDREN} children with {@value AtRiskRule#MIN_DAYS} days (nights) of data each is
 * {@code insufficient_data}, with what there was, and no number: a mean of one or two children would be neither
 * steady nor anonymous.
 *
 * @param children every child of the cohort
 * @param analysedChildren the children with active analysis consent, the only ones the figures and the at-risk list
 *     draw on
 * @param leftOutForConsent the children without it
 * @param window the recent days, {@code to} exclusive: the start of today, at the bin boundary nearest the tenant's
 *     local midnight ({@link CohortDays}; midnight UTC for a tenant within six hours of UTC)
 * @param usualWindow the days each child's recent days are compared with
 * @param chronotypeMix every child of the cohort by stored chronotype; {@code unknown} for a child without one yet
 *     or without analysis consent
 */
public record CohortSummaryView(
        String cohortId,
        String name,
        long children,
        int analysedChildren,
        int leftOutForConsent,
        Instant computedAt,
        Window window,
        Window usualWindow,
        Sleep sleep,
        Stress stress,
        Map<String, Integer> chronotypeMix,
        AtRisk atRisk)
        implements ConcernsChildren {

    /** The fewest children a cohort figure is drawn from. */
    public static final int MIN_CHILDREN = 3;

    static final String OK = "ok";
    static final String INSUFFICIENT = "insufficient_data";
    static final String UNKNOWN = "unknown";

    public record Window(Instant from, Instant to, int days) {}

    /**
     * @param meanHours hours asleep per night, over {@code nights} nights of the {@code childrenWithData} children
     *     with at least three; null when {@code status} is {@code insufficient_data}
     */
    public record Sleep(String status, String reason, Double meanHours, int nights, int childrenWithData) {}

    /**
     * @param mean mean of every stress reading (0 to 1) of the {@code childrenWithData} children with readings on at
     *     least three of the days, {@code days} such child-days; null when {@code status} is {@code insufficient_data}
     */
    public record Stress(String status, String reason, Double mean, int days, int childrenWithData) {}

    /** @param assessed the children assessed (those with analysis consent) */
    public record AtRisk(int count, int assessed, String rule, List<AtRiskChild> children) {}

    public record AtRiskChild(String childId, String pseudonym, List<String> reasons) {}

    private static final Jsonb JSON = JsonbBuilder.create();

    /** The summary as the result cache keeps it. */
    String toJson() {
        return JSON.toJson(this);
    }

    /** A summary {@link #toJson} wrote, equal to it (the chronotype mix in its order again). */
    static CohortSummaryView fromJson(String json) {
        CohortSummaryView read = JSON.fromJson(json, CohortSummaryView.class);
        Map<String, Integer> mix = new LinkedHashMap<>();
        for (ChronotypeCategory c : ChronotypeCategory.values()) {
            mix.put(c.label(), read.chronotypeMix().getOrDefault(c.label(), 0));
        }
        mix.put(UNKNOWN, read.chronotypeMix().getOrDefault(UNKNOWN, 0));
        return new CohortSummaryView(
                read.cohortId(),
                read.name(),
                read.children(),
                read.analysedChildren(),
                read.leftOutForConsent(),
                read.computedAt(),
                read.window(),
                read.usualWindow(),
                read.sleep(),
                read.stress(),
                mix,
                read.atRisk());
    }

    @Override
    public List<String> namedChildIds() {
        return atRisk.children().stream().map(AtRiskChild::childId).toList();
    }

    /** The summary of {@code cohort} from its children's figures, as of {@code computedAt}. */
    static CohortSummaryView of(
            CohortSummary cohort, List<ChildTrend> trends, LocalDate today, CohortDays days, Instant computedAt) {
        Instant to = days.startOf(today);
        Instant from = days.startOf(today.minusDays(AtRiskRule.RECENT_DAYS));
        Instant usualFrom = days.startOf(today.minusDays(AtRiskRule.RECENT_DAYS + AtRiskRule.USUAL_DAYS));
        List<ChildTrend> analysed = trends.stream().filter(ChildTrend::analysed).toList();

        Map<String, Integer> mix = new LinkedHashMap<>();
        for (ChronotypeCategory c : ChronotypeCategory.values()) {
            mix.put(c.label(), 0);
        }
        mix.put(UNKNOWN, 0);
        for (ChildTrend child : trends) {
            String category = child.analysed() && mix.containsKey(child.chronotype()) ? child.chronotype() : UNKNOWN;
            mix.merge(category, 1, Integer::sum);
        }

        List<AtRiskChild> atRisk = new ArrayList<>();
        for (ChildTrend child : analysed) {
            List<String> reasons = AtRiskRule.reasons(child, from, to);
            if (!reasons.isEmpty()) {
                atRisk.add(new AtRiskChild(child.childId(), child.pseudonym(), List.copyOf(reasons)));
            }
        }
        return new CohortSummaryView(
                cohort.cohortId(),
                cohort.name(),
                trends.size(),
                analysed.size(),
                trends.size() - analysed.size(),
                computedAt,
                new Window(from, to, AtRiskRule.RECENT_DAYS),
                new Window(usualFrom, from, AtRiskRule.USUAL_DAYS),
                sleep(analysed),
                stress(analysed),
                mix,
                new AtRisk(atRisk.size(), analysed.size(), AtRiskRule.IN_WORDS, List.copyOf(atRisk)));
    }

    static Sleep sleep(List<ChildTrend> analysed) {
        long minutes = 0;
        int nights = 0;
        int children = 0;
        for (ChildTrend child : analysed) {
            if (child.recentNights() >= AtRiskRule.MIN_DAYS) {
                minutes += child.recentSleepMinutes();
                nights += child.recentNights();
                children++;
            }
        }
        if (children < MIN_CHILDREN) {
            return new Sleep(INSUFFICIENT, tooFew(children, "fully recorded nights"), null, nights, children);
        }
        return new Sleep(OK, null, round(minutes / 60.0 / nights, 100), nights, children);
    }

    static Stress stress(List<ChildTrend> analysed) {
        double sum = 0;
        long readings = 0;
        int days = 0;
        int children = 0;
        for (ChildTrend child : analysed) {
            if (child.recentStressDays() >= AtRiskRule.MIN_DAYS) {
                sum += child.recentStressSum();
                readings += child.recentStressReadings();
                days += child.recentStressDays();
                children++;
            }
        }
        if (children < MIN_CHILDREN) {
            return new Stress(INSUFFICIENT, tooFew(children, "days with stress readings"), null, days, children);
        }
        return new Stress(OK, null, round(sum / readings, 1000), days, children);
    }

    private static String tooFew(int children, String what) {
        return children + " of the children with analysis consent have " + AtRiskRule.MIN_DAYS + " or more " + what
                + " in the last " + AtRiskRule.RECENT_DAYS + " days; a cohort figure needs " + MIN_CHILDREN + ".";
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}

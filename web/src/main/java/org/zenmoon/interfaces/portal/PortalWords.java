package org.zenmoon.interfaces.portal;

import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Collectors;
import org.zenmoon.application.AtRiskReason;
import org.zenmoon.application.DashboardChild;
import org.zenmoon.application.DashboardQuery;

/**
 * The portal's words for codes and figures, from its resource bundle ({@code msg} in faces-config.xml): a
 * chronotype, an at-risk reason and the reason's rule with the child's own figures. Used where a page cannot look a
 * word up itself: tooltips with numbers, chart labels, the values of an export.
 */
final class PortalWords {

    static final String BUNDLE = "org.zenmoon.interfaces.portal.messages";

    private final ResourceBundle bundle;
    private final Locale locale;

    /** @param locale how numbers are written */
    PortalWords(Locale locale) {
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale);
        this.locale = locale;
    }

    /** The words of the current view's locale. */
    static PortalWords current() {
        return new PortalWords(FacesContext.getCurrentInstance().getViewRoot().getLocale());
    }

    String text(String key) {
        return bundle.getString(key);
    }

    String format(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), locale).format(args);
    }

    /** A figure with {@code digits} decimals in the locale's way, or "no data" for null. */
    String figure(Double value, int digits) {
        if (value == null) {
            return text("table.noData");
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(value);
    }

    /** A chronotype's name; "not known" for null. */
    String chronotype(String code) {
        return text("chronotype." + (code == null ? DashboardQuery.UNKNOWN : code));
    }

    /** An at-risk reason's name, e.g. "Sleep debt". */
    String reason(String code) {
        return text("atRisk." + code);
    }

    /** The condition that fired, with the child's figures against the rule's threshold. */
    String reasonInFull(AtRiskReason reason) {
        return format(
                "atRisk." + reason.code() + ".hover",
                reason.recent(),
                reason.usual() == null ? 0.0 : reason.usual(),
                reason.threshold(),
                AtRiskReason.RECENT_DAYS,
                AtRiskReason.USUAL_DAYS,
                AtRiskReason.MIN_DAYS);
    }

    /** The at-risk rule in general: an introduction, then each condition with its thresholds. */
    List<String> rule() {
        List<String> lines = new ArrayList<>();
        lines.add(format("rule.intro", AtRiskReason.RECENT_DAYS, AtRiskReason.USUAL_DAYS));
        double[] thresholds = {AtRiskReason.STRESS_RISE, AtRiskReason.SLEEP_DEBT_HOURS, AtRiskReason.MIN_WEAR_SHARE};
        for (int i = 0; i < AtRiskReason.CODES.size(); i++) {
            lines.add(format(
                    "rule." + AtRiskReason.CODES.get(i),
                    AtRiskReason.RECENT_DAYS,
                    AtRiskReason.USUAL_DAYS,
                    thresholds[i],
                    AtRiskReason.MIN_DAYS));
        }
        return lines;
    }

    /** The at-risk column in words, for an export: the reasons' names, "No", or "Not assessed". */
    String atRisk(DashboardChild child) {
        if (!child.assessed()) {
            return text("table.notAssessed");
        }
        if (child.reasons().isEmpty()) {
            return text("table.notAtRisk");
        }
        return child.reasons().stream().map(r -> reason(r.code())).collect(Collectors.joining("; "));
    }
}

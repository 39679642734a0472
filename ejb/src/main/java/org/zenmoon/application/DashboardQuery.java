package org.zenmoon.application;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.zenmoon.analysis.chronotype.ChronotypeCategory;

/**
 * Which of a cohort's children the dashboard lists, and in which order: the same for the page's table and for an
 * export, so that an export holds exactly the rows the counsellor had filtered.
 *
 * @param pseudonym part of the pseudonym, regardless of case; null or blank for every child
 * @param chronotype {@code early_bird}, {@code intermediate}, {@code night_owl}, or {@link #UNKNOWN} for the children
 *     without a known chronotype; null for every child
 * @param atRiskOnly only the children the at-risk rule flags
 * @param sort the column to sort by; children without a figure come last in either direction, and children equal in
 *     it by pseudonym
 */
public record DashboardQuery(String pseudonym, String chronotype, boolean atRiskOnly, Sort sort, boolean descending)
        implements Serializable {

    public static final String UNKNOWN = "unknown";

    /** Every child, the ones with most at-risk reasons first, then by pseudonym. */
    public static final DashboardQuery DEFAULT = new DashboardQuery(null, null, false, Sort.AT_RISK, true);

    public DashboardQuery {
        if (chronotype != null
                && !chronotype.equals(UNKNOWN)
                && Arrays.stream(ChronotypeCategory.values())
                        .noneMatch(c -> c.label().equals(chronotype))) {
            throw new IllegalArgumentException("no such chronotype: " + chronotype);
        }
        sort = sort == null ? Sort.PSEUDONYM : sort;
    }

    /** The columns one may sort by, named as the page's properties are. */
    public enum Sort {
        PSEUDONYM("pseudonym", c -> c.pseudonym().toLowerCase(Locale.ROOT)),
        BIRTH_YEAR("birthYear", DashboardChild::birthYear),
        /** In the categories' order, early birds first; unknown last. */
        CHRONOTYPE("chronotype", c -> c.chronotype() == null ? null : category(c.chronotype())),
        LAST_SEEN("lastSeen", DashboardChild::lastSeen),
        HEART_RATE("meanHr7d", DashboardChild::meanHr),
        STRESS("meanStress7d", DashboardChild::meanStress),
        SLEEP("sleepHoursPerNight7d", DashboardChild::sleepHoursPerNight),
        WEAR("wearHoursPerDay7d", DashboardChild::wearHoursPerDay),
        /** By the number of reasons; a child not assessed has no figure. */
        AT_RISK("atRisk", c -> c.assessed() ? c.reasons().size() : null);

        private final String field;
        private final Function<DashboardChild, Comparable<?>> key;

        Sort(String field, Function<DashboardChild, Comparable<?>> key) {
            this.field = field;
            this.key = key;
        }

        public String field() {
            return field;
        }

        /** The sort of a column's field name; null for a name no column has. */
        public static Sort ofField(String field) {
            return Arrays.stream(values())
                    .filter(s -> s.field.equals(field))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** The children that pass the filters, in order. */
    public List<DashboardChild> apply(List<DashboardChild> children) {
        String part = pseudonym == null ? "" : pseudonym.strip().toLowerCase(Locale.ROOT);
        return children.stream()
                .filter(c ->
                        part.isEmpty() || c.pseudonym().toLowerCase(Locale.ROOT).contains(part))
                .filter(c -> chronotype == null
                        || (chronotype.equals(UNKNOWN) ? c.chronotype() == null : chronotype.equals(c.chronotype())))
                .filter(c -> !atRiskOnly || c.isAtRisk())
                .sorted(comparator())
                .toList();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Comparator<DashboardChild> comparator() {
        Comparator<Comparable> natural = Comparator.naturalOrder();
        Comparator<Comparable> direction = descending ? natural.reversed() : natural;
        Comparator<DashboardChild> bySort =
                Comparator.comparing(c -> (Comparable) sort.key.apply(c), Comparator.nullsLast(direction));
        return bySort.thenComparing(c -> c.pseudonym().toLowerCase(Locale.ROOT)).thenComparing(DashboardChild::childId);
    }

    private static Integer category(String label) {
        return ChronotypeCategory.valueOf(label.toUpperCase(Locale.ROOT)).ordinal();
    }
}

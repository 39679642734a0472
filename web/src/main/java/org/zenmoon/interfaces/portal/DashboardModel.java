package org.zenmoon.interfaces.portal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.zenmoon.analysis.chronotype.ChronotypeCategory;
import org.zenmoon.application.DashboardChild;
import org.zenmoon.application.DashboardQuery;

/**
 * The dashboard's table, a page at a time: filtered, sorted and cut from the cohort's children as the page read
 * them (one audited read per cohort chosen, not one per page), with {@link DashboardQuery}, the rule an export
 * follows too. While an export runs ({@link #exporting}), the table's rows are the export's own, which the audited
 * export call returned.
 */
public class DashboardModel extends LazyDataModel<DashboardChild> {

    private static final long serialVersionUID = 1L;

    /** The filter values of the chronotype column's menu: not the codes, which the page does not show. */
    static final String NOT_KNOWN = "NOT_KNOWN";

    /** The fields of the filtered columns, as the page names them. */
    static final String PSEUDONYM = "pseudonym";

    static final String CHRONOTYPE = "chronotype";
    static final String AT_RISK = "atRisk";

    private final List<DashboardChild> children;
    private List<DashboardChild> exportRows;

    DashboardModel(List<DashboardChild> children) {
        this.children = List.copyOf(children);
    }

    /** The query the table's sort and filters stand for; the default order when none is active. */
    static DashboardQuery query(Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        DashboardQuery.Sort sort = DashboardQuery.DEFAULT.sort();
        boolean descending = DashboardQuery.DEFAULT.descending();
        if (sortBy != null) {
            for (SortMeta meta : sortBy.values()) {
                DashboardQuery.Sort chosen = DashboardQuery.Sort.ofField(meta.getField());
                if (chosen != null
                        && meta.getOrder() != null
                        && !meta.getOrder().isUnsorted()) {
                    sort = chosen;
                    descending = meta.getOrder() == SortOrder.DESCENDING;
                    break;
                }
            }
        }
        String pseudonym = null;
        String chronotype = null;
        boolean atRiskOnly = false;
        if (filterBy != null) {
            for (FilterMeta meta : filterBy.values()) {
                Object value = meta.getFilterValue();
                if (value == null || meta.getField() == null) {
                    continue;
                }
                switch (meta.getField()) {
                    case PSEUDONYM -> pseudonym = value.toString();
                    case CHRONOTYPE -> chronotype = chronotype(value.toString());
                    case AT_RISK -> atRiskOnly = value instanceof Boolean b ? b : "true".equals(value.toString());
                    default -> {
                        // A column without a filter of the dashboard's: nothing to narrow.
                    }
                }
            }
        }
        return new DashboardQuery(pseudonym, chronotype, atRiskOnly, sort, descending);
    }

    /** The chronotype code of a menu value; null (every child) for an empty or unknown one. */
    static String chronotype(String value) {
        if (value.isBlank()) {
            return null;
        }
        if (value.equals(NOT_KNOWN)) {
            return DashboardQuery.UNKNOWN;
        }
        for (ChronotypeCategory c : ChronotypeCategory.values()) {
            if (c.name().equals(value)) {
                return c.label();
            }
        }
        return null;
    }

    /** The menu value of a chronotype code. */
    static String menuValue(String code) {
        return code.equals(DashboardQuery.UNKNOWN) ? NOT_KNOWN : code.toUpperCase(Locale.ROOT);
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        if (exportRows != null) {
            return exportRows.size();
        }
        return query(null, filterBy).apply(children).size();
    }

    @Override
    public List<DashboardChild> load(
            int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        List<DashboardChild> rows =
                exportRows != null ? exportRows : query(sortBy, filterBy).apply(children);
        setRowCount(rows.size());
        int from = Math.min(Math.max(first, 0), rows.size());
        int to = pageSize <= 0 ? rows.size() : Math.min(rows.size(), from + pageSize);
        return rows.subList(from, to);
    }

    /** From now until {@link #exported()}, the table's rows are {@code rows}: what the export call returned. */
    void exporting(List<DashboardChild> rows) {
        exportRows = List.copyOf(rows);
        setRowCount(exportRows.size());
    }

    void exported() {
        exportRows = null;
    }

    boolean isExporting() {
        return exportRows != null;
    }

    @Override
    public String getRowKey(DashboardChild child) {
        return child.childId();
    }

    @Override
    public DashboardChild getRowData(String rowKey) {
        return children.stream()
                .filter(c -> c.childId().equals(rowKey))
                .findFirst()
                .orElse(null);
    }
}

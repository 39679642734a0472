package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.audit.Disclosure;
import org.zenmoon.domain.model.audit.DisclosureLog;
import org.zenmoon.domain.model.child.ChildRepository;

/**
 * A child's disclosure log (FERPA 34 CFR 99.32): every audited read or change of its data, newest first, for the
 * tenant admin and the child's guardians ({@link AccessPolicy#recordsScope}). Reading it is audited too.
 */
@Stateless
@TenantBound
@Audited
@Requires(Permission.READ_DISCLOSURES)
public class ChildDisclosures {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** One page; {@code nextCursor} fetches the older entries, null on the last page. */
    public record Page(List<Disclosure> items, String nextCursor) {}

    @Inject
    ChildRepository children;

    @Inject
    DisclosureLog log;

    @Inject
    AccessPolicy policy;

    @Inject
    CallerContext callers;

    /**
     * @param cursor the {@code nextCursor} of the previous page, or null for the newest entries
     * @param limit at most this many entries (1 to {@link #MAX_LIMIT}; null: {@link #DEFAULT_LIMIT})
     */
    public Page page(String childId, String cursor, Integer limit) {
        children.summary(policy.recordsScope(callers.current()), childId)
                .orElseThrow(() -> new NotFoundException("Child"));
        int n = limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(limit, MAX_LIMIT));
        Long before = cursor == null || cursor.isEmpty() ? null : parseCursor(cursor);
        List<Disclosure> rows = log.page(childId, before, n + 1);
        if (rows.size() <= n) {
            return new Page(rows, null);
        }
        List<Disclosure> items = rows.subList(0, n);
        return new Page(List.copyOf(items), Long.toString(items.get(n - 1).id()));
    }

    private static Long parseCursor(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            // The edge validates the cursor; one that slips past it names no page.
            throw NotFoundException.because("There is no such page of the disclosure log.");
        }
    }
}

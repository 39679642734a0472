package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.audit.Disclosure;
import org.zenmoon.domain.model.audit.DisclosureLog;
import org.zenmoon.domain.model.child.ChildRecordRepository;
import org.zenmoon.domain.model.child.ChildRepository;
import org.zenmoon.domain.model.child.ChildSummary;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * Everything stored about a child (GDPR Art. 20), for the tenant admin and the child's guardians
 * ({@link AccessPolicy#recordsScope}). The document holds the child, its guardians' user names, its rows in every
 * table that holds them (found in the catalogue, so a table added later is exported too; secrets such as token
 * hashes left out), its cohort's school events and its disclosure log. The epochs, which may run to months of
 * minutes, are fetched page by page ({@link #epochsAfter}) by whoever writes the answer, after an audited
 * {@link #document} or {@link #epochs} call.
 */
@Stateless
@TenantBound
@Requires(Permission.EXPORT_CHILD)
public class ChildExport {

    /** Tables shown under a name of their own; any other table of children's rows under its name in camelCase. */
    static final Map<String, String> SECTIONS = Map.of(
            "consent", "consents",
            "device", "devices",
            "sleep_episode", "sleepEpisodes",
            "intervention", "interventions",
            "analysis_result", "analysisResults",
            "recommendation", "recommendations");

    /**
     * Exported in a shape of their own: epochs page by page, guardian links as user names. Not exported as rows: the
     * epochs' 12-hour sums (epoch_bin, which the dashboard reads), made from the epochs that the export holds in full.
     */
    static final Set<String> NOT_AS_ROWS = Set.of("epoch", "epoch_bin", "guardian_link");

    static final int DISCLOSURE_PAGE = 500;

    @Inject
    ChildRepository children;

    @Inject
    ChildRecordRepository records;

    @Inject
    DisclosureLog disclosures;

    @Inject
    AccessPolicy policy;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    /** The export without its epochs, which follow in {@code epochs} (see {@link #epochsAfter}). */
    @Audited("export")
    public JsonObject document(String childId) {
        ChildSummary child = requireRecordsOf(childId);
        JsonObjectBuilder doc = Json.createObjectBuilder()
                .add("format", "zenmoon-child-export/1")
                .add("exportedAt", clock.instant().toString())
                .add(
                        "child",
                        Json.createObjectBuilder(
                                        tidy(records.child(childId).orElseThrow(() -> new NotFoundException("Child"))))
                                .remove("id")
                                .add("childId", childId)
                                .add("cohortName", child.cohortName()));
        JsonArrayBuilder guardians = Json.createArrayBuilder();
        records.guardianNames(childId)
                .forEach(name -> guardians.add(Json.createObjectBuilder().add("username", name)));
        doc.add("guardians", guardians);
        for (String table : records.childTables()) {
            if (!NOT_AS_ROWS.contains(table)) {
                doc.add(SECTIONS.getOrDefault(table, camelCase(table)), tidied(records.rows(table, childId)));
            }
        }
        doc.add("recommendationFeedback", tidied(records.recommendationFeedback(childId)));
        doc.add("schoolEvents", tidied(records.cohortEvents(childId)));
        doc.add("disclosures", disclosureLog(childId));
        doc.add("epochCount", records.epochCount(childId));
        return doc.build();
    }

    /** Opens the export of the child's epochs alone (the CSV file); @return how many there are */
    @Audited("export")
    public long epochs(String childId) {
        requireRecordsOf(childId);
        return records.epochCount(childId);
    }

    /**
     * Up to {@code limit} of the child's epochs after {@code after} (null: from the first), in time order. Not audited
     * call by call: the export that fetches them was ({@link #document}, {@link #epochs}).
     */
    public List<EpochRecord> epochsAfter(String childId, Instant after, int limit) {
        requireRecordsOf(childId);
        return records.epochsAfter(childId, after, Math.max(1, Math.min(limit, 10_000)));
    }

    private ChildSummary requireRecordsOf(String childId) {
        return children.summary(policy.recordsScope(callers.current()), childId)
                .orElseThrow(() -> new NotFoundException("Child"));
    }

    private JsonArrayBuilder disclosureLog(String childId) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        Long before = null;
        List<Disclosure> page;
        do {
            page = disclosures.page(childId, before, DISCLOSURE_PAGE);
            for (Disclosure d : page) {
                out.add(disclosureJson(d));
            }
            before = page.isEmpty() ? null : page.get(page.size() - 1).id();
        } while (page.size() == DISCLOSURE_PAGE);
        return out;
    }

    /** A disclosure as the API shows it (also on {@code GET /children/{childId}/disclosures}). */
    public static JsonObject disclosureJson(Disclosure d) {
        JsonArrayBuilder roles = Json.createArrayBuilder();
        d.actorRoles().forEach(roles::add);
        return Json.createObjectBuilder()
                .add("at", d.at().toString())
                .add("actorId", d.actorId())
                .add("actorName", d.actorName() == null ? JsonValue.NULL : Json.createValue(d.actorName()))
                .add("actorRoles", roles)
                .add("action", d.action())
                .add("resource", d.resource())
                .add("outcome", d.outcome())
                .add("requestId", d.requestId() == null ? JsonValue.NULL : Json.createValue(d.requestId()))
                .build();
    }

    private static JsonArrayBuilder tidied(List<String> rows) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        rows.forEach(r -> out.add(tidy(r)));
        return out;
    }

    /**
     * A stored row as the export shows it: keys in camelCase, the tenant left out (it is the caller's own), and no
     * secret (a column named like a hash, a password or a secret) whatever table it comes from.
     */
    static JsonObject tidy(String rowJson) {
        JsonObject row = Json.createReader(new StringReader(rowJson)).readObject();
        JsonObjectBuilder out = Json.createObjectBuilder();
        row.forEach((column, value) -> {
            if (!column.equals("tenant_id") && !secret(column)) {
                out.add(camelCase(column), value);
            }
        });
        return out.build();
    }

    static boolean secret(String column) {
        String c = column.toLowerCase(Locale.ROOT);
        return c.endsWith("hash") || c.contains("password") || c.contains("secret") || c.endsWith("salt");
    }

    static String camelCase(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char ch : name.toCharArray()) {
            if (ch == '_') {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return out.toString();
    }
}

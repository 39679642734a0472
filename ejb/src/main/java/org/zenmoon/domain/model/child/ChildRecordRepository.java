package org.zenmoon.domain.model.child;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * Everything the current tenant stores about one child, for the child's export and erasure. The tables that hold a
 * child's rows are found in the database catalogue (every table with a {@code child_id} column), so that a table
 * added later is exported and erased without changing this code. The audit trail is not among them: it holds ids
 * only, and it outlives an erasure.
 */
public interface ChildRecordRepository {

    /** The audit trail's table, which keeps its rows when a child is erased. */
    String AUDIT_TABLE = "audit_event";

    /** The child's own row, as a JSON object keyed by column; empty when the tenant has no such child. */
    Optional<String> child(String childId);

    /**
     * The tables that hold rows about a child (a {@code child_id} column), the audit trail left out, each before the
     * tables it refers to.
     */
    List<String> childTables();

    /** The child's rows in {@code table} (one of {@link #childTables()}), each a JSON object keyed by column. */
    List<String> rows(String table, String childId);

    /** The school events of the child's cohort, as JSON objects keyed by column. */
    List<String> cohortEvents(String childId);

    /** The feedback on the child's recommendations, as JSON objects keyed by column. */
    List<String> recommendationFeedback(String childId);

    /** The user names of the child's guardians. */
    List<String> guardianNames(String childId);

    /** How many epochs the child has. */
    long epochCount(String childId);

    /** Up to {@code limit} of the child's epochs after {@code after} (null: from the first), in time order. */
    List<EpochRecord> epochsAfter(String childId, Instant after, int limit);

    /**
     * Deletes the child's rows from every table that holds them (the audit trail excepted), then the child, in the
     * current transaction. Returns the rows deleted per table; the child row counts under {@code child}.
     */
    Map<String, Integer> erase(String childId);
}

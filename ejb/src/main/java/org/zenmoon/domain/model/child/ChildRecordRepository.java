package org.zenmoon.domain.model.child;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.zenmoon.domain.model.consent.ConsentScope;
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

    /**
     * Locks the child's row until the transaction ends: an upload under way (which holds a key-share lock on it until
     * it commits) finishes first, and later ones, and consents granted meanwhile, wait. False when there is no such
     * child.
     */
    boolean lock(String childId);

    /** Whether {@link #purgeBefore} would delete anything of the child's for {@code cutoff}. */
    boolean hasRowsBefore(String childId, Instant cutoff);

    /**
     * Deletes the child's rows dated before {@code cutoff} (taken back to the start of its UTC day) from every table
     * of measurements, events and what was computed from them, in the current transaction: what a tenant's
     * retention period no longer keeps. Consents, guardian links and wearables stay (they say who may, not what was
     * measured), and so does the audit trail. Returns the rows deleted per table.
     */
    Map<String, Integer> purgeBefore(String childId, Instant cutoff);

    /**
     * Erases what a withdrawn consent of {@code scope} covered, in the current transaction: for collection everything
     * measured or received about the child and all that was computed from it (the interventions staff logged are
     * the school's own record and stay); for analysis the results and the child's chronotype; for model training the
     * training records (the situation, candidates and propensity logged with each recommendation; the
     * recommendations and answers stay for the family); for clinic sharing nothing is stored. The sleep episodes that sleep detection computed count as results. Returns the rows
     * deleted (or, for model training and the chronotype, cleared) per table.
     */
    Map<String, Integer> eraseCovered(String childId, ConsentScope scope);
}

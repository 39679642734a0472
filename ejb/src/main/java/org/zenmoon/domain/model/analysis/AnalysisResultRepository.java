package org.zenmoon.domain.model.analysis;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Stored analysis results of the current tenant. */
public interface AnalysisResultRepository {

    void add(AnalysisResult result);

    /**
     * Stores a result, replacing the one of the same child (or cohort), kind and period: a job that runs again, or
     * resumes after a crash, writes each result once.
     */
    void put(ResultKey key, StoredResult result);

    /** The newest result of this kind for the child. */
    Optional<StoredResult> latestOfChild(String childId, String kind);

    /** The newest result of this kind for the cohort (cohort-level results only). */
    Optional<StoredResult> latestOfCohort(String cohortId, String kind);

    /** The newest result of this kind about the whole tenant. */
    Optional<StoredResult> latestOfTenant(String kind);

    /** The newest result of this kind of each of these children that has one. */
    List<ChildResult> latestOfChildren(String kind, Collection<String> childIds);

    /** What identifies a result: a child's or a cohort's, its kind and the period it covers. */
    record ResultKey(String childId, String cohortId, String kind, String period) {
        public static ResultKey ofChild(String childId, String kind, String period) {
            return new ResultKey(childId, null, kind, period);
        }

        public static ResultKey ofCohort(String cohortId, String kind, String period) {
            return new ResultKey(null, cohortId, kind, period);
        }

        /** A result about the whole tenant (neither one child nor one cohort). */
        public static ResultKey ofTenant(String kind, String period) {
            return new ResultKey(null, null, kind, period);
        }
    }

    /** A result's JSON and when it was computed. */
    record StoredResult(String payload, java.time.Instant computedAt) {}

    record ChildResult(String childId, StoredResult result) {}
}

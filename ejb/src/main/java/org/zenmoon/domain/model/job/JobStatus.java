package org.zenmoon.domain.model.job;

import java.util.Set;

/** A run's state, named as the batch runtime names an execution's. */
public enum JobStatus {
    STARTING,
    STARTED,
    STOPPING,
    STOPPED,
    FAILED,
    COMPLETED;

    /** The states in which a run holds its tenant's slot for its job (V8's {@code job_run_one_at_a_time}). */
    public static final Set<JobStatus> ACTIVE = Set.of(STARTING, STARTED, STOPPING);

    /** A stopped or failed run can be resumed from its checkpoints; a completed one cannot. */
    public boolean resumable() {
        return this == STOPPED || this == FAILED;
    }
}

package org.zenmoon.application;

import jakarta.ejb.ApplicationException;

/**
 * One child of a job cannot be analysed (its data fail an engine's checks, or its analysis consent was withdrawn
 * since the run started): the job logs the reason, counts the child as skipped and goes on, so that one child cannot
 * stop a tenant's run. No rollback: the chunk's other children are kept.
 */
@ApplicationException(rollback = false)
public class ChildSkipped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChildSkipped(String reason) {
        super(reason);
    }

    public ChildSkipped(String reason, Throwable cause) {
        super(reason, cause);
    }
}

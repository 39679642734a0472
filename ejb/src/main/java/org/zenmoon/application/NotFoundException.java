package org.zenmoon.application;

import jakarta.ejb.ApplicationException;

/**
 * The thing does not exist for this caller. Also used for things that exist in another tenant or outside
 * a guardian's children, so that nobody can learn what lies behind a wall (404, never 403).
 */
@ApplicationException(rollback = true)
public class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String what) {
        super(what + " not found");
    }

    /** With a detail of its own instead of "... not found". */
    public static NotFoundException because(String detail) {
        return new NotFoundException(detail, true);
    }

    private NotFoundException(String detail, boolean verbatim) {
        super(detail);
    }
}

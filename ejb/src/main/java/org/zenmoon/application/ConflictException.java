package org.zenmoon.application;

import jakarta.ejb.ApplicationException;

/** The request clashes with what exists already, such as a user name or cohort name in use (409). */
@ApplicationException(rollback = true)
public class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String detail) {
        super(detail);
    }
}

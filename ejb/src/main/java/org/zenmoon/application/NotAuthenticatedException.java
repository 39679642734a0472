package org.zenmoon.application;

import jakarta.ejb.ApplicationException;

/** No authenticated caller where one is required. */
@ApplicationException(rollback = true)
public class NotAuthenticatedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotAuthenticatedException() {
        super("Authentication required");
    }
}

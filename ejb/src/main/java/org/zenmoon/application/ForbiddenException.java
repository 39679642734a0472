package org.zenmoon.application;

import jakarta.ejb.ApplicationException;
import org.zenmoon.application.security.Permission;

/** The caller is known but lacks the permission the call needs (403). */
@ApplicationException(rollback = true)
public class ForbiddenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(Permission permission) {
        super("This account may not "
                + permission.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }

    /** With a detail of its own, for a refusal that is not a missing permission (a missing consent, say). */
    public static ForbiddenException because(String detail) {
        return new ForbiddenException(detail);
    }

    private ForbiddenException(String detail) {
        super(detail);
    }
}

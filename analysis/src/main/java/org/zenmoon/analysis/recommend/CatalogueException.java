package org.zenmoon.analysis.recommend;

/** A catalogue that cannot be read; the message names the source, the entry and the field. */
public class CatalogueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public CatalogueException(String message) {
        super(message);
    }

    public CatalogueException(String message, Throwable cause) {
        super(message, cause);
    }
}

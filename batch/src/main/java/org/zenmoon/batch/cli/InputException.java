package org.zenmoon.batch.cli;

import java.nio.file.Path;

/**
 * Unusable input: the tool exits 2 and prints one line naming the file, the line and the column.
 * Line numbers count from 1 with the header as line 1; line 0 means "the file as a whole".
 */
public class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    public InputException(Path file, long line, String column, String message) {
        super(file + ":" + line + (column == null ? "" : ":" + column) + ": " + message);
    }

    /** For a problem with the command line itself (a missing or malformed option). */
    public InputException(String message) {
        super(message);
    }
}

package org.zenmoon.interfaces.rest;

/** Patterns the request classes share, so that every text field refuses the same characters. */
final class Requests {

    /** No NUL or other control character anywhere in the value. */
    static final String NO_CONTROL_CHARACTERS = "[^\\p{Cntrl}]*";

    static final String NO_CONTROL_CHARACTERS_MESSAGE = "must not contain control characters";

    /** The type of an intervention or event: {@code mindfulness}, {@code math_test}. */
    static final String ACTIVITY_TYPE = "[a-z][a-z0-9_]{0,63}";

    static final String ACTIVITY_TYPE_MESSAGE =
            "must be 1 to 64 lower-case letters, digits or underscores, starting with a letter";

    private Requests() {}
}

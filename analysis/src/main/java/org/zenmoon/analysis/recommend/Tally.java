package org.zenmoon.analysis.recommend;

/** How often one intervention was recommended to a child, and how the parents answered. */
public record Tally(int shown, int helpful, int unhelpful) {
    public static final Tally NONE = new Tally(0, 0, 0);

    public Tally {
        if (shown < 0 || helpful < 0 || unhelpful < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    /** Answers given, 👍 and 👎. */
    public int answered() {
        return helpful + unhelpful;
    }

    public Tally plus(Tally o) {
        return new Tally(shown + o.shown, helpful + o.helpful, unhelpful + o.unhelpful);
    }
}

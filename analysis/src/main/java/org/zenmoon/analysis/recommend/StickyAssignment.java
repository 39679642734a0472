package org.zenmoon.analysis.recommend;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The A/B arm of a child: SHA-256 of the experiment key and the child id, read as a number uniform in [0, 1). The
 * same child stays in the same arm for the whole experiment, on every server, with nothing stored; a new
 * experiment key reshuffles the children.
 */
public final class StickyAssignment {

    private StickyAssignment() {}

    /** Whether the child sees the candidate model: its hash position is below {@code candidateShare}. */
    public static boolean inCandidateArm(String experimentKey, String childId, double candidateShare) {
        if (!(candidateShare >= 0 && candidateShare <= 1)) {
            throw new IllegalArgumentException("candidateShare must be 0..1: " + candidateShare);
        }
        return position(experimentKey, childId) < candidateShare;
    }

    /** The child's position in [0, 1) for this experiment. */
    public static double position(String experimentKey, String childId) {
        byte[] digest;
        try {
            // A separator no key or id contains, so ("ab", "c") and ("a", "bc") differ.
            digest = MessageDigest.getInstance("SHA-256")
                    .digest((experimentKey + "\u0000" + childId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (digest[i] & 0xFF);
        }
        return (bits >>> 11) * 0x1.0p-53;
    }
}

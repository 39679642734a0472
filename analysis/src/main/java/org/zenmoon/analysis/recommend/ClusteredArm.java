package org.zenmoon.analysis.recommend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One A/B arm's answers grouped by child. Assignment is sticky per child and a family answers many times, so the
 * answers of one child are not independent of each other: the child, not the answer, is the unit the test
 * resamples ({@link AbStatistics#clusteredPValue}). Children without an answer are left out.
 *
 * @param children  each answering child's tally, in any order
 * @param exposures the arm's answers (the sum over children)
 * @param helpful   the arm's 👍 (the sum over children)
 */
public record ClusteredArm(List<ChildTally> children, long exposures, long helpful) {

    public ClusteredArm {
        List<ChildTally> answering = new ArrayList<>(children.size());
        long n = 0;
        long h = 0;
        for (ChildTally c : children) {
            if (c.answers() > 0) {
                answering.add(c);
                n += c.answers();
                h += c.helpful();
            }
        }
        children = Collections.unmodifiableList(answering);
        if (n != exposures || h != helpful) {
            throw new IllegalArgumentException(
                    "totals " + helpful + "/" + exposures + " do not match the children's " + h + "/" + n);
        }
    }

    public ClusteredArm(List<ChildTally> children) {
        this(children, sum(children, false), sum(children, true));
    }

    /** An arm whose every answer comes from a child of its own (independent answers). */
    public static ClusteredArm independent(long exposures, long helpful) {
        if (exposures < 0 || helpful < 0 || helpful > exposures) {
            throw new IllegalArgumentException("need 0 <= helpful <= exposures: " + helpful + "/" + exposures);
        }
        List<ChildTally> children = new ArrayList<>();
        for (long i = 0; i < exposures; i++) {
            children.add(new ChildTally(1, i < helpful ? 1 : 0));
        }
        return new ClusteredArm(children);
    }

    /** How many children answered. */
    public int childCount() {
        return children.size();
    }

    /** The pooled counts, as if the answers were independent. */
    public ArmTally total() {
        return new ArmTally(exposures, helpful);
    }

    /** The 👍 rate (a ratio estimator: all 👍 over all answers), 0 without answers. */
    public double rate() {
        return exposures == 0 ? 0 : (double) helpful / exposures;
    }

    private static long sum(List<ChildTally> children, boolean helpful) {
        long s = 0;
        for (ChildTally c : children) {
            s += helpful ? c.helpful() : c.answers();
        }
        return s;
    }
}

package org.zenmoon.analysis.recommend;

/** One A/B arm's answered recommendations and how many were 👍. */
public record ArmTally(long exposures, long helpful) {
    public ArmTally {
        if (exposures < 0 || helpful < 0 || helpful > exposures) {
            throw new IllegalArgumentException("need 0 <= helpful <= exposures: " + helpful + "/" + exposures);
        }
    }

    public ArmTally plus(boolean wasHelpful) {
        return new ArmTally(exposures + 1, helpful + (wasHelpful ? 1 : 0));
    }

    /** The 👍 rate, 0 without exposures. */
    public double rate() {
        return exposures == 0 ? 0 : (double) helpful / exposures;
    }
}

package org.zenmoon.analysis.recommend;

/** One child's answers in one A/B arm and how many were 👍; the child is not named. */
public record ChildTally(long answers, long helpful) {
    public ChildTally {
        if (answers < 0 || helpful < 0 || helpful > answers) {
            throw new IllegalArgumentException("need 0 <= helpful <= answers: " + helpful + "/" + answers);
        }
    }

    public ChildTally plus(boolean wasHelpful) {
        return new ChildTally(answers + 1, helpful + (wasHelpful ? 1 : 0));
    }
}

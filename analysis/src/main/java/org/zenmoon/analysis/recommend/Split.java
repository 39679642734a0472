package org.zenmoon.analysis.recommend;

import java.util.List;

/** Logged decisions split by time: train on the earlier ones, evaluate on the later ones. */
public record Split(List<LoggedDecision> training, List<LoggedDecision> heldOut) {
    public Split {
        training = List.copyOf(training);
        heldOut = List.copyOf(heldOut);
    }
}

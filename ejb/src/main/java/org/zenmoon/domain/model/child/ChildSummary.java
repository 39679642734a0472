package org.zenmoon.domain.model.child;

import org.zenmoon.analysis.chronotype.ChronotypeCategory;

/** What staff and guardians see of a child in lists and on its page. */
public record ChildSummary(
        String childId,
        String pseudonym,
        String cohortId,
        String cohortName,
        int birthYear,
        ChronotypeCategory chronotype)
        implements ConcernsAChild {}

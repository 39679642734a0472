package org.zenmoon.application;

import org.zenmoon.domain.model.child.Chronotype;

/** What staff and guardians see of a child in lists and on its page. */
public record ChildView(
        String childId, String pseudonym, String cohortId, String cohortName, int birthYear, Chronotype chronotype) {}

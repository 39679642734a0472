package org.zenmoon.domain.model.child;

import java.util.List;

/**
 * A read model about a group that names some children, such as a cohort's summary with its at-risk list. A service
 * that returns one is audited with one row per child named, by the audit interceptor.
 */
public interface ConcernsChildren {

    /** The children this result names; empty when it names none. */
    List<String> namedChildIds();
}

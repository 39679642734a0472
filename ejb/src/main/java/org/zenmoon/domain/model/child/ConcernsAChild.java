package org.zenmoon.domain.model.child;

/**
 * A read model that shows one child's data. A service that returns a list of them is audited with one row per child
 * shown, by the audit interceptor, without the service doing anything.
 */
public interface ConcernsAChild {

    String childId();
}

package org.zenmoon.domain.model.audit;

import java.util.List;

/** Reads a child's audit rows in the current tenant; writing them is {@link AuditRepository}'s alone. */
public interface DisclosureLog {

    /** Up to {@code limit} of the child's entries older than the entry {@code beforeId} (null: the newest), newest first. */
    List<Disclosure> page(String childId, Long beforeId, int limit);
}

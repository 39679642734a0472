package org.zenmoon.domain.model.consent;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Consents of the current tenant. */
public interface ConsentRepository {

    void add(Consent consent);

    /** Writes the changes made to loaded consents now, before what follows in the transaction. */
    void saveChanges();

    /** The child's active consent for {@code scope}, if there is one. */
    Optional<Consent> active(String childId, ConsentScope scope);

    /** Every consent of the child, newest grant first: the current state and its history. */
    List<Consent> ofChild(String childId);

    /** The children that have an active consent for {@code scope}: what jobs may include. */
    Set<String> childrenWithActive(ConsentScope scope);
}

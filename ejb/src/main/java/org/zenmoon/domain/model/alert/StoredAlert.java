package org.zenmoon.domain.model.alert;

import java.time.Instant;
import org.zenmoon.domain.model.child.ConcernsAChild;

/**
 * An alert as it is stored now: the alert, and who acknowledged it (the account's user name), when and with what
 * note; the three are null until somebody does.
 */
public record StoredAlert(Alert alert, String acknowledgedBy, Instant acknowledgedAt, String note)
        implements ConcernsAChild {

    @Override
    public String childId() {
        return alert.childId();
    }
}

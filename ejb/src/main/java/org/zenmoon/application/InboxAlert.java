package org.zenmoon.application;

import org.zenmoon.domain.model.alert.StoredAlert;
import org.zenmoon.domain.model.child.ChildSummary;
import org.zenmoon.domain.model.child.ConcernsAChild;

/**
 * One row of a staff member's alerts inbox: the alert as API.md shows it, whose it is (pseudonym and cohort, never a
 * name) and the note its acknowledgement left.
 */
public record InboxAlert(AlertView alert, String pseudonym, String cohortName, String note) implements ConcernsAChild {

    static InboxAlert of(StoredAlert stored, ChildSummary child, java.time.ZoneId zone) {
        return new InboxAlert(AlertView.of(stored, zone), child.pseudonym(), child.cohortName(), stored.note());
    }

    @Override
    public String childId() {
        return alert.childId();
    }

    public boolean isAcknowledged() {
        return alert.acknowledgedAt() != null;
    }
}

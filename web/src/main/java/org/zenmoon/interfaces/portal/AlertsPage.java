package org.zenmoon.interfaces.portal;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.zenmoon.application.AlertView;
import org.zenmoon.application.Alerts;
import org.zenmoon.application.InboxAlert;
import org.zenmoon.application.InvalidInputException;
import org.zenmoon.application.NotFoundException;
import org.zenmoon.application.TenantZone;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.domain.model.alert.Alert;
import org.zenmoon.interfaces.websocket.PortalAlertPush;

/**
 * The alerts inbox: the last week's alerts of the children the caller sees, newest first; new ones arrive while the
 * page is open ({@link PortalAlertPush}), and staff acknowledge them with an optional note.
 */
@Named
@ViewScoped
public class AlertsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A time in the tenant's zone, which it names ({@code 2026-12-01 07:31 Europe/Berlin}). */
    static DateTimeFormatter when(ZoneId zone) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm VV", Locale.ENGLISH)
                .withZone(zone);
    }

    @Inject
    Alerts alerts;

    @Inject
    CallerContext callers;

    @Inject
    AccessPolicy policy;

    @Inject
    TenantZone zones;

    private PortalAlertPush.Inbox inbox;
    private String username;
    private boolean mayAcknowledge;
    private List<Row> rows;
    private Row selected;
    private String note;

    @PostConstruct
    void init() {
        Caller caller = callers.current();
        inbox = new PortalAlertPush.Inbox(caller.userId(), caller.tenantId());
        username = caller.username();
        mayAcknowledge = policy.permits(caller, Permission.ACK_ALERTS);
        load();
    }

    /** Reads the inbox again (on opening, and when the push channel says a new alert has come). */
    public void load() {
        // A list the table may sort in place.
        ZoneId zone = zones.forCaller();
        rows = new ArrayList<>(alerts.inbox().stream().map(r -> Row.of(r, zone)).toList());
    }

    /**
     * Opens the acknowledgement form for the alert whose id the button sends: by id, not by row, because a new alert
     * can move the rows between the page's drawing and the click.
     */
    public void select() {
        String alertId = FacesContext.getCurrentInstance()
                .getExternalContext()
                .getRequestParameterMap()
                .get("alertId");
        selected = rows.stream()
                .filter(r -> r.getAlertId().equals(alertId))
                .findFirst()
                .orElse(null);
        note = null;
    }

    public void cancel() {
        selected = null;
        note = null;
    }

    /** Acknowledges the selected alert with the note, and reads the inbox again. */
    public void acknowledge() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (selected == null) {
            return;
        }
        // Browsers send a textarea's line breaks as CR LF; the note keeps one character per line break.
        String text = note == null || note.isBlank() ? null : note.strip().replace("\r\n", "\n");
        try {
            Alerts.Acknowledged done = alerts.acknowledge(selected.getAlertId(), text);
            if (done.recorded()) {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Alert acknowledged.", null));
                selected = null;
                note = null;
            } else {
                faces.addMessage(
                        null,
                        new FacesMessage(
                                FacesMessage.SEVERITY_WARN,
                                "Someone acknowledged this alert first; their acknowledgement stands and your note"
                                        + " was not saved.",
                                null));
                selected = null;
            }
        } catch (InvalidInputException e) {
            faces.addMessage(
                    null,
                    new FacesMessage(
                            FacesMessage.SEVERITY_ERROR,
                            "The note is too long: at most " + Alerts.MAX_NOTE + " characters.",
                            null));
        } catch (NotFoundException e) {
            faces.addMessage(
                    null,
                    new FacesMessage(
                            FacesMessage.SEVERITY_WARN, "This alert is no longer one of your children's.", null));
            selected = null;
        }
        load();
    }

    /**
     * One row of the inbox as the page shows it, in words; a class with getters because Jakarta Expression Language
     * does not see record accessors, and serializable because the view is kept in the session.
     */
    public static final class Row implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String alertId;
        private final String childId;
        private final String pseudonym;
        private final String cohortName;
        private final String kind;
        private final String severity;
        private final boolean high;
        private final String detail;
        private final String raisedAt;
        private final String acknowledgedBy;
        private final String acknowledgedAt;
        private final String note;

        Row(InboxAlert row, ZoneId zone) {
            AlertView a = row.alert();
            alertId = a.alertId();
            childId = a.childId();
            pseudonym = row.pseudonym();
            cohortName = row.cohortName();
            kind = kindInWords(a.kind());
            high = AlertView.HIGH.equals(a.severity());
            severity = high ? "High" : "Warning";
            detail = a.detail();
            raisedAt = when(a.raisedAt(), zone);
            acknowledgedBy = a.acknowledgedBy();
            acknowledgedAt = when(a.acknowledgedAt(), zone);
            note = row.note();
        }

        static Row of(InboxAlert row, ZoneId zone) {
            return new Row(row, zone);
        }

        static String kindInWords(String kind) {
            return switch (kind) {
                case AlertView.STRESS_SUSTAINED -> "Sustained stress";
                case Alert.DEVICE_ANOMALY -> "Wearable readings unusual";
                default -> kind;
            };
        }

        static String when(Instant t, ZoneId zone) {
            return t == null ? null : AlertsPage.when(zone).format(t);
        }

        public String getAlertId() {
            return alertId;
        }

        public String getChildId() {
            return childId;
        }

        public String getPseudonym() {
            return pseudonym;
        }

        public String getCohortName() {
            return cohortName;
        }

        public String getKind() {
            return kind;
        }

        public String getSeverity() {
            return severity;
        }

        public boolean isHigh() {
            return high;
        }

        public String getDetail() {
            return detail;
        }

        public String getRaisedAt() {
            return raisedAt;
        }

        public String getAcknowledgedBy() {
            return acknowledgedBy;
        }

        public String getAcknowledgedAt() {
            return acknowledgedAt;
        }

        public String getNote() {
            return note;
        }

        public boolean isAcknowledged() {
            return acknowledgedAt != null;
        }
    }

    public long getOpenCount() {
        return rows.stream().filter(r -> !r.isAcknowledged()).count();
    }

    /** Whether the inbox holds as many alerts as it shows at most: older ones may be left out. */
    public boolean isFull() {
        return rows.size() >= Alerts.INBOX_LIMIT;
    }

    public int getLimit() {
        return Alerts.INBOX_LIMIT;
    }

    public List<Row> getRows() {
        return rows;
    }

    public PortalAlertPush.Inbox getInbox() {
        return inbox;
    }

    public String getUsername() {
        return username;
    }

    public boolean isMayAcknowledge() {
        return mayAcknowledge;
    }

    public Row getSelected() {
        return selected;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public int getMaxNote() {
        return Alerts.MAX_NOTE;
    }
}

package org.zenmoon.interfaces.portal;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.primefaces.PrimeFaces;
import org.zenmoon.application.InvalidInputException;
import org.zenmoon.application.NotFoundException;
import org.zenmoon.application.TenantSettings;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;

/**
 * The tenant admin's settings page: how many days the school or clinic keeps a child's data, said in plain words with
 * the date before which the next nightly run deletes it, and the time zone its nightly jobs run in. Lowering the
 * retention asks first, saying how many more days of data go at the next run. Everything goes through
 * {@link TenantSettings}, which checks the values and audits the change.
 */
@Named
@ViewScoped
public class SettingsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The form's id, which the fields' messages are addressed to. */
    static final String FORM = "tenantSettings";

    /** The fields that have a message of their own beside them. */
    private static final Set<String> FIELDS = Set.of("retentionDays", "timeZone");

    @Inject
    TenantSettings settings;

    @Inject
    CallerContext callers;

    @Inject
    AccessPolicy policy;

    @Inject
    Clock clock;

    private boolean allowed;
    private TenantSettings.Settings saved;

    private Integer retentionDays;
    private String timeZone;

    /** How many more days of data the lowering that waits for confirmation deletes at the next run. */
    private int lowerBy;

    @PostConstruct
    void init() {
        allowed = policy.permits(callers.current(), Permission.MANAGE_SETTINGS);
        if (allowed) {
            show(settings.current());
        }
    }

    /** The page's view action: 403 (the page that says where to go) for those who may not change the settings. */
    public void check() throws IOException {
        PageAnswers.refuseUnless(allowed, "Only a tenant admin changes the tenant's settings.");
    }

    private void show(TenantSettings.Settings s) {
        saved = s;
        retentionDays = s.retentionDays();
        timeZone = s.timeZone();
    }

    /**
     * The Save button: a lower retention than the saved one waits for the dialog's confirmation; anything else is
     * stored at once.
     */
    public void save() {
        if (retentionDays != null
                && TenantSettings.isRetentionDays(retentionDays)
                && retentionDays < saved.retentionDays()
                && TenantSettings.isTimeZone(timeZone)) {
            lowerBy = saved.retentionDays() - retentionDays;
            PrimeFaces.current().executeScript("PF('lowerDialog').show();");
            return;
        }
        store();
    }

    /** The dialog's confirmation of a lower retention. */
    public void saveLowered() {
        store();
        lowerBy = 0;
    }

    private void store() {
        try {
            show(settings.change(retentionDays, timeZone));
            PageAnswers.info(PortalWords.current().text("settings.saved"));
        } catch (InvalidInputException e) {
            invalid(e);
        } catch (NotFoundException e) {
            PageAnswers.warn(e.getMessage());
        }
    }

    /** A field the service named, as a message beside that field; any other at the top. */
    private static void invalid(InvalidInputException e) {
        FacesContext faces = FacesContext.getCurrentInstance();
        PortalWords words = PortalWords.current();
        for (Map.Entry<String, String> f : e.fields().entrySet()) {
            boolean shown = FIELDS.contains(f.getKey());
            String text = shown ? words.text("settings.field." + f.getKey()) + ": " + f.getValue() : f.getValue();
            faces.addMessage(
                    shown ? FORM + ":" + f.getKey() : null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
        }
    }

    /** The first day the next nightly run keeps: today in the tenant's zone, less the saved retention. */
    static LocalDate keptFrom(Clock clock, String zone, int retentionDays) {
        return LocalDate.now(clock.withZone(ZoneId.of(zone))).minusDays(retentionDays);
    }

    public boolean isAllowed() {
        return allowed;
    }

    /** The tenant's name, as text (a record's accessors are no properties for Expression Language 5). */
    public String getName() {
        return saved.name();
    }

    public String getLegalRegime() {
        return saved.legalRegime();
    }

    /** The explanation of the saved retention, with the date before which the next nightly run deletes. */
    public String getRetentionExplained() {
        return PortalWords.current().format("settings.retention.explained", saved.retentionDays());
    }

    public String getNextRunExplained() {
        return PortalWords.current()
                .format(
                        "settings.retention.nextRun",
                        keptFrom(clock, saved.timeZone(), saved.retentionDays()).toString(),
                        saved.timeZone());
    }

    /** The confirmation's words: from how many days to how many, and how many more days of data go. */
    public String getLowerExplained() {
        if (lowerBy <= 0 || retentionDays == null) {
            return "";
        }
        return PortalWords.current()
                .format(
                        "settings.lower.explained",
                        saved.retentionDays(),
                        retentionDays,
                        lowerBy,
                        keptFrom(clock, timeZone, retentionDays).toString());
    }

    public String getKind() {
        return PortalWords.current().text("settings.kind." + saved.kind().name());
    }

    /** Every region id to choose from, sorted. */
    public List<String> getTimeZones() {
        return TenantSettings.timeZones();
    }

    public int getLowerBy() {
        return lowerBy;
    }

    public Integer getRetentionDays() {
        return retentionDays;
    }

    public void setRetentionDays(Integer retentionDays) {
        this.retentionDays = retentionDays;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }
}

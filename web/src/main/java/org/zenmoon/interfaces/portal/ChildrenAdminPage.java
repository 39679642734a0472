package org.zenmoon.interfaces.portal;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.zenmoon.application.ChildDirectory;
import org.zenmoon.application.ChildErasure;
import org.zenmoon.application.ChildExport;
import org.zenmoon.application.ChildRegistry;
import org.zenmoon.application.CohortRegistry;
import org.zenmoon.application.ConflictException;
import org.zenmoon.application.Consents;
import org.zenmoon.application.Devices;
import org.zenmoon.application.InvalidInputException;
import org.zenmoon.application.NotFoundException;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.domain.model.child.ChildSummary;
import org.zenmoon.domain.model.cohort.CohortKind;
import org.zenmoon.domain.model.cohort.CohortSummary;
import org.zenmoon.interfaces.rest.ChildExportStream;
import org.zenmoon.interfaces.rest.DeviceResource;
import org.zenmoon.interfaces.rest.ZenMoonApi;

/**
 * The tenant admin's children page: the tenant's cohorts and a form for a new one; a cohort's children and a form to
 * register one; and a chosen child's guardians (link one by user name), its consents as the guardians gave them
 * (read only: consent is the guardian's to give), and its wearables (pair one, showing its token and a QR code of
 * the pairing link once; unpair one). The child's rights: its export (GDPR Art. 20, the API's JSON document and the
 * epochs as CSV, downloaded), its erasure (Art. 17, once the admin has typed its pseudonym) and the unlinking of a
 * guardian. Every read and write goes through the application's services, which check the permission and the tenant
 * and audit what concerns a child; the page adds no rule of its own but the typed pseudonym.
 */
@Named
@ViewScoped
public class ChildrenAdminPage implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    CohortRegistry cohortRegistry;

    @Inject
    ChildRegistry childRegistry;

    @Inject
    ChildDirectory directory;

    @Inject
    Consents consents;

    @Inject
    Devices devices;

    @Inject
    ChildExport exports;

    @Inject
    ChildErasure erasure;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    @Inject
    AccessPolicy policy;

    private boolean allowed;
    private boolean mayExport;
    private boolean mayErase;
    private List<CohortRow> cohorts = List.of();
    private String cohortId;
    private List<ChildRow> children = List.of();

    private String newCohortName;
    private String newCohortKind = CohortKind.CLASS.name();
    private String newPseudonym;
    private Integer newBirthYear;
    private String newChildCohortId;

    private ChildRow child;
    private List<GuardianRow> guardians = List.of();
    private List<ConsentRow> consentRows = List.of();
    private List<DeviceRow> deviceRows = List.of();
    private String guardianUsername;
    private String deviceLabel;

    /** The erasure's confirmation dialog is open, and what the admin typed into it. */
    private boolean erasing;

    private String erasePseudonym;

    /*
     * A device just paired: its token, the pairing link and its QR code, shown in the one answer to the pairing and
     * cleared by the next action. Transient, so that they never leave the server's memory with the view.
     */
    private transient String pairedToken;
    private transient String pairedLink;
    private transient String pairedQr;
    private transient String pairedLabel;

    @PostConstruct
    void init() {
        allowed = policy.permits(callers.current(), Permission.MANAGE_CHILDREN);
        mayExport = allowed && policy.permits(callers.current(), Permission.EXPORT_CHILD);
        mayErase = allowed && policy.permits(callers.current(), Permission.ERASE_CHILD);
        if (allowed) {
            loadCohorts();
            if (!cohorts.isEmpty()) {
                cohortId = cohorts.get(0).getCohortId();
                loadChildren();
            }
        }
    }

    /** The page's view action: 403 (the page that says where to go) for those who may not manage children. */
    public void check() throws IOException {
        PageAnswers.refuseUnless(allowed, "Only a tenant admin manages children.");
    }

    /** Before every answer of this page, the first and each Ajax one: no cache keeps a child's data or a token. */
    public void noStore() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        external.setResponseHeader("Cache-Control", "no-store");
    }

    private void loadCohorts() {
        cohorts = cohortRegistry.visibleCohorts().stream().map(CohortRow::of).toList();
    }

    private void loadChildren() {
        children = cohortId == null
                ? List.of()
                : directory.inCohort(cohortId).stream().map(ChildRow::of).toList();
        newChildCohortId = cohortId;
    }

    // Cohorts

    public void createCohort() {
        forgetPairing();
        try {
            String id = cohortRegistry.create(newCohortName.strip(), CohortKind.valueOf(newCohortKind));
            PageAnswers.info(words().format("admin.cohort.created", newCohortName.strip()));
            newCohortName = null;
            loadCohorts();
            cohortId = id;
            closeChild();
            loadChildren();
        } catch (ConflictException e) {
            error("cohorts:cohortName", words().text("admin.cohort.nameTaken"));
        }
    }

    /** Another cohort chosen: its children, and no child's panel open. */
    public void chooseCohort() {
        forgetPairing();
        closeChild();
        loadChildren();
    }

    // Children

    public void registerChild() {
        forgetPairing();
        try {
            String name = newPseudonym.strip();
            childRegistry.create(name, newBirthYear, newChildCohortId);
            PageAnswers.info(words().format("admin.child.registered", name));
            newPseudonym = null;
            newBirthYear = null;
            cohortId = newChildCohortId;
            loadCohorts();
            loadChildren();
        } catch (ConflictException e) {
            error("roster:pseudonym", words().text("admin.child.pseudonymTaken"));
        } catch (InvalidInputException e) {
            String field = switch (e.field()) {
                case "birthYear" -> "roster:birthYear";
                case "cohortId" -> "roster:childCohort";
                default -> "roster:pseudonym";
            };
            error(field, words().text("admin.child.invalid." + e.field()));
        }
    }

    /** Opens the child's panel: its guardians, consents and devices. */
    public void openChild(String childId) {
        forgetPairing();
        try {
            child = ChildRow.of(directory.find(childId));
            guardianUsername = null;
            deviceLabel = null;
            loadChild();
        } catch (NotFoundException e) {
            closeChild();
            PageAnswers.warn(words().text("admin.child.gone"));
        }
    }

    public void closeChild() {
        forgetPairing();
        cancelErase();
        child = null;
        guardians = List.of();
        consentRows = List.of();
        deviceRows = List.of();
    }

    private void loadChild() {
        String id = child.getChildId();
        guardians = childRegistry.guardiansOf(id).stream().map(GuardianRow::of).toList();
        consentRows = consents.current(id).stream().map(ConsentRow::of).toList();
        deviceRows = devices.devicesOf(id).stream().map(DeviceRow::of).toList();
    }

    // Guardians

    public void linkGuardian() {
        forgetPairing();
        if (child == null) {
            return;
        }
        String username = guardianUsername.strip();
        try {
            childRegistry.linkGuardian(child.getChildId(), username);
            PageAnswers.info(words().format("admin.guardian.linked", username, child.getPseudonym()));
            guardianUsername = null;
            loadChild();
        } catch (InvalidInputException e) {
            error("child:guardianUsername", words().text("admin.guardian.unknown"));
        } catch (ConflictException e) {
            error("child:guardianUsername", words().text("admin.guardian.already"));
        } catch (NotFoundException e) {
            closeChild();
            PageAnswers.warn(words().text("admin.child.gone"));
        }
    }

    /** Removes the guardian's link to the chosen child: the guardian no longer sees it, in the app nor the API. */
    public void unlinkGuardian(String userId) {
        forgetPairing();
        if (child == null) {
            return;
        }
        String username = guardians.stream()
                .filter(g -> g.getUserId().equals(userId))
                .map(GuardianRow::getUsername)
                .findFirst()
                .orElse("");
        try {
            childRegistry.unlinkGuardian(child.getChildId(), userId);
            PageAnswers.info(words().format("admin.guardian.unlinked", username, child.getPseudonym()));
        } catch (NotFoundException e) {
            PageAnswers.warn(words().text("admin.guardian.gone"));
        }
        reloadChild();
    }

    /** The chosen child's panel read again, or closed if the child is gone meanwhile. */
    private void reloadChild() {
        try {
            loadChild();
        } catch (NotFoundException e) {
            closeChild();
            loadCohorts();
            loadChildren();
            PageAnswers.warn(words().text("admin.child.gone"));
        }
    }

    // The child's rights: export and erasure

    /**
     * Sends the chosen child's export as a file: the API's JSON document ({@code GET /children/{id}/export}), made
     * by the same audited service call. The file is named by the child's id, never its pseudonym, and kept by no
     * cache. Called without the form's inputs (immediate), so that an unfinished form does not stop it.
     */
    public void downloadExport() throws IOException {
        forgetPairing();
        if (child == null) {
            return;
        }
        String childId = child.getChildId();
        JsonObject document;
        try {
            document = exports.document(childId);
        } catch (NotFoundException e) {
            reloadGone();
            return;
        }
        ExternalContext external = startDownload("application/json", exportFileName(childId, "export.json"));
        ChildExportStream.writeJson(external.getResponseOutputStream(), document, exports, childId);
        FacesContext.getCurrentInstance().responseComplete();
    }

    /** Sends the chosen child's epochs as CSV, as the API's {@code GET /children/{id}/export/epochs.csv}. */
    public void downloadEpochs() throws IOException {
        forgetPairing();
        if (child == null) {
            return;
        }
        String childId = child.getChildId();
        try {
            exports.epochs(childId);
        } catch (NotFoundException e) {
            reloadGone();
            return;
        }
        ExternalContext external = startDownload("text/csv; charset=UTF-8", exportFileName(childId, "epochs.csv"));
        ChildExportStream.writeCsv(external.getResponseOutputStream(), exports, childId);
        FacesContext.getCurrentInstance().responseComplete();
    }

    /** The name a download of the child's data gets: its id, which says nothing about the child, never its name. */
    static String exportFileName(String childId, String what) {
        return "child-" + childId + "-" + what;
    }

    private static ExternalContext startDownload(String contentType, String fileName) {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        external.setResponseContentType(contentType);
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        external.setResponseHeader("Cache-Control", "no-store");
        external.setResponseHeader("X-Content-Type-Options", "nosniff");
        return external;
    }

    private void reloadGone() {
        closeChild();
        loadCohorts();
        loadChildren();
        PageAnswers.warn(words().text("admin.child.gone"));
    }

    /** Opens the erasure's confirmation dialog, its field empty. */
    public void askErase() {
        forgetPairing();
        erasing = child != null;
        erasePseudonym = null;
    }

    public void cancelErase() {
        erasing = false;
        erasePseudonym = null;
    }

    /**
     * Erases the chosen child (GDPR Art. 17) once the admin has typed its pseudonym exactly; a pseudonym that is not
     * the child's erases nothing and says so beside the field.
     */
    public void eraseChild() {
        forgetPairing();
        if (child == null) {
            cancelErase();
            return;
        }
        if (!child.getPseudonym().equals(erasePseudonym)) {
            error("child:erasePseudonym", words().text("admin.erase.mismatch"));
            return;
        }
        String pseudonym = child.getPseudonym();
        try {
            erasure.erase(child.getChildId());
            closeChild();
            loadCohorts();
            loadChildren();
            PageAnswers.info(words().format("admin.erase.done", pseudonym));
        } catch (NotFoundException e) {
            reloadGone();
        }
    }

    // Devices

    public void pairDevice() {
        forgetPairing();
        if (child == null) {
            return;
        }
        String label = deviceLabel.strip();
        try {
            Devices.Paired paired = devices.pair(child.getChildId(), label);
            FacesContext faces = FacesContext.getCurrentInstance();
            HttpServletRequest request =
                    (HttpServletRequest) faces.getExternalContext().getRequest();
            String apiBase =
                    PairingQr.apiBase(request.getRequestURL().toString(), request.getContextPath(), ZenMoonApi.PATH);
            pairedToken = paired.deviceToken();
            pairedLink = DeviceResource.pairingUri(apiBase, paired.deviceToken());
            pairedQr = PairingQr.svg(pairedLink, words().text("admin.device.qr.title"));
            pairedLabel = label;
            deviceLabel = null;
            deviceRows = devices.devicesOf(child.getChildId()).stream()
                    .map(DeviceRow::of)
                    .toList();
        } catch (NotFoundException e) {
            closeChild();
            PageAnswers.warn(words().text("admin.child.gone"));
        }
    }

    public void unpairDevice(String deviceId) {
        forgetPairing();
        if (child == null) {
            return;
        }
        try {
            Devices.DeviceView device = devices.unpair(deviceId);
            PageAnswers.info(words().format("admin.device.unpaired", device.label()));
            loadChild();
        } catch (NotFoundException e) {
            PageAnswers.warn(words().text("admin.device.gone"));
            loadChild();
        }
    }

    /** The token's panel closed: the token, the link and the code are gone from the page's state. */
    public void forgetPairing() {
        pairedToken = null;
        pairedLink = null;
        pairedQr = null;
        pairedLabel = null;
    }

    // Words and messages

    private static PortalWords words() {
        return PortalWords.current();
    }

    private static void error(String clientId, String text) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
        faces.validationFailed();
    }

    // Properties

    public boolean isAllowed() {
        return allowed;
    }

    /** Whether the caller may export a child (the service refuses anyway): the export's buttons show. */
    public boolean isMayExport() {
        return mayExport;
    }

    /** Whether the caller may erase a child (the service refuses anyway): the erasure's button shows. */
    public boolean isMayErase() {
        return mayErase;
    }

    public boolean isErasing() {
        return erasing;
    }

    public String getErasePseudonym() {
        return erasePseudonym;
    }

    public void setErasePseudonym(String erasePseudonym) {
        this.erasePseudonym = erasePseudonym;
    }

    /** The kinds a cohort can be, in words. */
    public List<SelectItem> getKinds() {
        PortalWords w = words();
        return Arrays.stream(CohortKind.values())
                .map(k -> new SelectItem(k.name(), w.text("cohortKind." + k.name())))
                .toList();
    }

    public List<CohortRow> getCohorts() {
        return cohorts;
    }

    public String getCohortId() {
        return cohortId;
    }

    public void setCohortId(String cohortId) {
        this.cohortId = cohortId;
    }

    /** The chosen cohort's name, empty when none. */
    public String getCohortName() {
        return cohorts.stream()
                .filter(c -> c.getCohortId().equals(cohortId))
                .map(CohortRow::getName)
                .findFirst()
                .orElse("");
    }

    public List<ChildRow> getChildren() {
        return children;
    }

    public String getNewCohortName() {
        return newCohortName;
    }

    public void setNewCohortName(String newCohortName) {
        this.newCohortName = newCohortName;
    }

    public String getNewCohortKind() {
        return newCohortKind;
    }

    public void setNewCohortKind(String newCohortKind) {
        this.newCohortKind = newCohortKind;
    }

    public String getNewPseudonym() {
        return newPseudonym;
    }

    public void setNewPseudonym(String newPseudonym) {
        this.newPseudonym = newPseudonym;
    }

    public Integer getNewBirthYear() {
        return newBirthYear;
    }

    public void setNewBirthYear(Integer newBirthYear) {
        this.newBirthYear = newBirthYear;
    }

    public String getNewChildCohortId() {
        return newChildCohortId;
    }

    public void setNewChildCohortId(String newChildCohortId) {
        this.newChildCohortId = newChildCohortId;
    }

    /** The latest year of birth the form accepts: this year (the service refuses a later one). */
    public int getThisYear() {
        return clock.instant().atZone(ZoneOffset.UTC).getYear();
    }

    public ChildRow getChild() {
        return child;
    }

    public List<GuardianRow> getGuardians() {
        return guardians;
    }

    public List<ConsentRow> getConsents() {
        return consentRows;
    }

    public List<DeviceRow> getDevices() {
        return deviceRows;
    }

    public String getGuardianUsername() {
        return guardianUsername;
    }

    public void setGuardianUsername(String guardianUsername) {
        this.guardianUsername = guardianUsername;
    }

    public String getDeviceLabel() {
        return deviceLabel;
    }

    public void setDeviceLabel(String deviceLabel) {
        this.deviceLabel = deviceLabel;
    }

    public boolean isPaired() {
        return pairedToken != null;
    }

    public String getPairedToken() {
        return pairedToken;
    }

    public String getPairedLink() {
        return pairedLink;
    }

    /** The QR code as SVG markup the page writes unescaped: drawn by {@link PairingQr}, no user input in it. */
    public String getPairedQr() {
        return pairedQr;
    }

    public String getPairedLabel() {
        return pairedLabel;
    }

    static String when(Instant t) {
        return t == null ? "" : WHEN.format(t);
    }

    // Rows: classes with getters for Expression Language, kept with the view.

    /** A cohort in the list: its name, its kind in words and its number of children. */
    public static final class CohortRow implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String cohortId;
        private final String name;
        private final String kind;
        private final long children;

        CohortRow(String cohortId, String name, String kind, long children) {
            this.cohortId = cohortId;
            this.name = name;
            this.kind = kind;
            this.children = children;
        }

        static CohortRow of(CohortSummary c) {
            return new CohortRow(c.cohortId(), c.name(), c.kind().name(), c.children());
        }

        public String getCohortId() {
            return cohortId;
        }

        public String getName() {
            return name;
        }

        /** The kind's code, looked up in the page's words. */
        public String getKind() {
            return kind;
        }

        public long getChildren() {
            return children;
        }
    }

    /** A child in a cohort's list. */
    public static final class ChildRow implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String childId;
        private final String pseudonym;
        private final int birthYear;
        private final String cohortName;

        ChildRow(String childId, String pseudonym, int birthYear, String cohortName) {
            this.childId = childId;
            this.pseudonym = pseudonym;
            this.birthYear = birthYear;
            this.cohortName = cohortName;
        }

        static ChildRow of(ChildSummary c) {
            return new ChildRow(c.childId(), c.pseudonym(), c.birthYear(), c.cohortName());
        }

        public String getChildId() {
            return childId;
        }

        public String getPseudonym() {
            return pseudonym;
        }

        public int getBirthYear() {
            return birthYear;
        }

        public String getCohortName() {
            return cohortName;
        }
    }

    /** A guardian account linked to the chosen child. */
    public static final class GuardianRow implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String userId;
        private final String username;
        private final boolean disabled;

        GuardianRow(String userId, String username, boolean disabled) {
            this.userId = userId;
            this.username = username;
            this.disabled = disabled;
        }

        static GuardianRow of(ChildRegistry.Guardian g) {
            return new GuardianRow(g.userId(), g.username(), g.disabled());
        }

        public String getUserId() {
            return userId;
        }

        public String getUsername() {
            return username;
        }

        public boolean isDisabled() {
            return disabled;
        }
    }

    /** One consent scope's current state for the chosen child, as its guardians gave or withdrew it. */
    public static final class ConsentRow implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String scope;
        private final String state;
        private final String noticeVersion;
        private final String when;
        private final String by;

        ConsentRow(String scope, String state, String noticeVersion, String when, String by) {
            this.scope = scope;
            this.state = state;
            this.noticeVersion = noticeVersion;
            this.when = when;
            this.by = by;
        }

        static ConsentRow of(Consents.ScopeState s) {
            String state;
            Instant at;
            if (s.active()) {
                state = "granted";
                at = s.grantedAt();
            } else if (s.withdrawnAt() != null) {
                state = "withdrawn";
                at = s.withdrawnAt();
            } else {
                state = "never";
                at = null;
            }
            return new ConsentRow(
                    s.scope(),
                    state,
                    s.noticeVersion() == null ? "" : s.noticeVersion(),
                    when(at),
                    s.grantedByUsername() == null ? "" : s.grantedByUsername());
        }

        /** The scope's code ({@code collection}, ...), looked up in the page's words. */
        public String getScope() {
            return scope;
        }

        /** {@code granted}, {@code withdrawn} or {@code never}, looked up in the page's words. */
        public String getState() {
            return state;
        }

        public String getNoticeVersion() {
            return noticeVersion;
        }

        /** When it was granted (if active) or withdrawn; empty if never given. */
        public String getWhen() {
            return when;
        }

        /** The guardian who granted it. */
        public String getBy() {
            return by;
        }
    }

    /** A wearable paired with the chosen child, unpaired ones included. */
    public static final class DeviceRow implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String deviceId;
        private final String label;
        private final String pairedAt;
        private final String revokedAt;

        DeviceRow(String deviceId, String label, String pairedAt, String revokedAt) {
            this.deviceId = deviceId;
            this.label = label;
            this.pairedAt = pairedAt;
            this.revokedAt = revokedAt;
        }

        static DeviceRow of(Devices.DeviceView d) {
            return new DeviceRow(d.deviceId(), d.label(), when(d.createdAt()), when(d.revokedAt()));
        }

        public String getDeviceId() {
            return deviceId;
        }

        public String getLabel() {
            return label;
        }

        public String getPairedAt() {
            return pairedAt;
        }

        public String getRevokedAt() {
            return revokedAt;
        }

        public boolean isRevoked() {
            return !revokedAt.isEmpty();
        }
    }
}

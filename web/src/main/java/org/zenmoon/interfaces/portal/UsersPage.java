package org.zenmoon.interfaces.portal;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.zenmoon.application.CohortRegistry;
import org.zenmoon.application.ConflictException;
import org.zenmoon.application.ForbiddenException;
import org.zenmoon.application.InvalidInputException;
import org.zenmoon.application.NotFoundException;
import org.zenmoon.application.UserAdministration;
import org.zenmoon.application.UserAdministration.UserView;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.domain.model.cohort.CohortSummary;

/**
 * The tenant admin's accounts page: every account of the tenant with its roles, its classes or panels and whether it
 * is disabled; a form for a new account; and, for the account chosen, its roles and cohorts, a new password that the
 * admin hands over, and disabling. Everything goes through {@link UserAdministration}, which checks the rules (roles an
 * admin may give, password rules, cohorts of the tenant) and ends the account's sessions and tokens where it says so.
 */
@Named
@ViewScoped
public class UsersPage implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** The roles a tenant admin gives, in the order the form lists them. */
    static final List<String> ROLES = List.of("COUNSELLOR", "CLINICIAN", "GUARDIAN", "TENANT_ADMIN");

    /** The fields that have a message of their own beside them. */
    private static final java.util.Set<String> FIELDS = java.util.Set.of("username", "password", "roles", "cohorts");

    @Inject
    UserAdministration users;

    @Inject
    CohortRegistry cohorts;

    @Inject
    CallerContext callers;

    @Inject
    AccessPolicy policy;

    private boolean allowed;
    private List<Account> accounts = List.of();
    /** Cohort id to name, in the order of the tenant's list. */
    private Map<String, String> cohortNames = Map.of();

    private String newUsername;
    private String newPassword;
    private List<String> newRoles = new ArrayList<>();
    private List<String> newCohorts = new ArrayList<>();

    private String chosenId;
    private List<String> chosenRoles = new ArrayList<>();
    private List<String> chosenCohorts = new ArrayList<>();
    private String resetPassword;

    @PostConstruct
    void init() {
        allowed = policy.permits(callers.current(), Permission.MANAGE_USERS);
        if (allowed) {
            load();
        }
    }

    /** The page's view action: 403 (the page that says where to go) for those who may not manage accounts. */
    public void check() throws IOException {
        PageAnswers.refuseUnless(allowed, "Only a tenant admin manages accounts.");
    }

    private void load() {
        Map<String, String> names = new LinkedHashMap<>();
        for (CohortSummary c : cohorts.visibleCohorts()) {
            names.put(c.cohortId(), c.name());
        }
        cohortNames = names;
        PortalWords words = PortalWords.current();
        // A list the table may sort in place.
        accounts = new ArrayList<>(users.list().stream()
                .map(u -> new Account(u, words, cohortNames))
                .toList());
    }

    public void create() {
        try {
            String id = users.create(new UserAdministration.NewUser(
                    trimmed(newUsername), newPassword, List.copyOf(newRoles), List.copyOf(newCohorts)));
            PageAnswers.info(PortalWords.current().format("users.created", trimmed(newUsername)));
            newUsername = null;
            newPassword = null;
            newRoles = new ArrayList<>();
            newCohorts = new ArrayList<>();
            load();
            choose(id);
        } catch (InvalidInputException e) {
            invalid(e, "create");
        } catch (ConflictException e) {
            FacesContext.getCurrentInstance()
                    .addMessage(
                            "create:username",
                            new FacesMessage(
                                    FacesMessage.SEVERITY_ERROR,
                                    PortalWords.current().text("users.field.username") + ": " + e.getMessage(),
                                    null));
        } catch (ForbiddenException e) {
            PageAnswers.warn(e.getMessage());
        } finally {
            newPassword = null;
        }
    }

    /** Opens an account's panel: its roles and cohorts as they are now. */
    public void choose(String userId) {
        try {
            UserView u = users.get(userId);
            Account fresh = new Account(u, PortalWords.current(), cohortNames);
            accounts.replaceAll(a -> a.getUserId().equals(u.userId()) ? fresh : a);
            if (accounts.stream().noneMatch(a -> a.getUserId().equals(u.userId()))) {
                accounts.add(fresh);
            }
            chosenId = u.userId();
            chosenRoles = new ArrayList<>(u.roles());
            chosenCohorts = new ArrayList<>(u.cohortIds());
            resetPassword = null;
        } catch (NotFoundException e) {
            chosenId = null;
            PageAnswers.warn(e.getMessage());
        }
    }

    public void close() {
        chosenId = null;
        resetPassword = null;
    }

    public void saveChosen() {
        try {
            UserView u = users.change(chosenId, List.copyOf(chosenRoles), List.copyOf(chosenCohorts));
            PageAnswers.info(PortalWords.current().format("users.changed", u.username()));
            load();
            choose(u.userId());
        } catch (InvalidInputException e) {
            invalid(e, "account");
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            PageAnswers.warn(e.getMessage());
            // The boxes show the account as it is, not as the refused change would have made it.
            choose(chosenId);
        }
    }

    public void resetChosenPassword() {
        try {
            users.resetPassword(chosenId, resetPassword);
            PageAnswers.info(PortalWords.current().format("users.passwordReset", chosen().getUsername()));
        } catch (InvalidInputException e) {
            invalid(e, "account");
        } catch (ConflictException | NotFoundException e) {
            PageAnswers.warn(e.getMessage());
            choose(chosenId);
        } finally {
            resetPassword = null;
        }
    }

    public void disableChosen() {
        try {
            String name = chosen().getUsername();
            users.disable(chosenId);
            PageAnswers.info(PortalWords.current().format("users.disabled", name));
            load();
            choose(chosenId);
        } catch (ConflictException | NotFoundException e) {
            PageAnswers.warn(e.getMessage());
        }
    }

    /** A field the service named, as a message beside that field of {@code form}; other fields at the top. */
    private static void invalid(InvalidInputException e, String form) {
        FacesContext faces = FacesContext.getCurrentInstance();
        PortalWords words = PortalWords.current();
        for (Map.Entry<String, String> f : e.fields().entrySet()) {
            String field = f.getKey().equals("cohortIds") ? "cohorts" : f.getKey();
            boolean shown = FIELDS.contains(field) && !(form.equals("account") && field.equals("username"));
            String text = shown ? words.text("users.field." + field) + ": " + f.getValue() : f.getValue();
            faces.addMessage(
                    shown ? form + ":" + field : null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
        }
    }

    private static String trimmed(String s) {
        return s == null ? null : s.strip();
    }

    public boolean isAllowed() {
        return allowed;
    }

    public List<Account> getAccounts() {
        return accounts;
    }

    /** The roles to choose from, as {@code [code, words]} pairs. */
    public List<String[]> getRoleChoices() {
        PortalWords words = PortalWords.current();
        return ROLES.stream()
                .map(r -> new String[] {r, words.text("role." + r)})
                .toList();
    }

    /** The tenant's cohorts to assign, as {@code [id, name]} pairs. */
    public List<String[]> getCohortChoices() {
        return cohortNames.entrySet().stream()
                .map(e -> new String[] {e.getKey(), e.getValue()})
                .toList();
    }

    /** The account whose panel is open, or null. */
    public Account chosen() {
        if (chosenId == null) {
            return null;
        }
        return accounts.stream()
                .filter(a -> a.getUserId().equals(chosenId))
                .findFirst()
                .orElse(null);
    }

    public Account getChosen() {
        return chosen();
    }

    public boolean isChosenSelf() {
        return chosenId != null && chosenId.equals(callers.current().userId());
    }

    public String getNewUsername() {
        return newUsername;
    }

    public void setNewUsername(String newUsername) {
        this.newUsername = newUsername;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public List<String> getNewRoles() {
        return newRoles;
    }

    public void setNewRoles(List<String> newRoles) {
        this.newRoles = newRoles == null ? new ArrayList<>() : newRoles;
    }

    public List<String> getNewCohorts() {
        return newCohorts;
    }

    public void setNewCohorts(List<String> newCohorts) {
        this.newCohorts = newCohorts == null ? new ArrayList<>() : newCohorts;
    }

    public List<String> getChosenRoles() {
        return chosenRoles;
    }

    public void setChosenRoles(List<String> chosenRoles) {
        this.chosenRoles = chosenRoles == null ? new ArrayList<>() : chosenRoles;
    }

    public List<String> getChosenCohorts() {
        return chosenCohorts;
    }

    public void setChosenCohorts(List<String> chosenCohorts) {
        this.chosenCohorts = chosenCohorts == null ? new ArrayList<>() : chosenCohorts;
    }

    public String getResetPassword() {
        return resetPassword;
    }

    public void setResetPassword(String resetPassword) {
        this.resetPassword = resetPassword;
    }

    /** One account as the page shows it; a class with getters for Expression Language, kept in the view. */
    public static final class Account implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String userId;
        private final String username;
        private final String roles;
        private final String cohorts;
        private final boolean disabled;
        private final String status;
        private final String createdAt;

        Account(UserView u, PortalWords words, Map<String, String> cohortNames) {
            userId = u.userId();
            username = u.username();
            roles = u.roles().stream().map(r -> words.text("role." + r)).collect(Collectors.joining(", "));
            cohorts = u.cohortIds().stream()
                    .map(id -> cohortNames.getOrDefault(id, id))
                    .sorted()
                    .collect(Collectors.joining(", "));
            disabled = u.disabled();
            status = u.disabled()
                    ? words.format("users.status.disabled", when(u.disabledAt()))
                    : words.text("users.status.active");
            createdAt = when(u.createdAt());
        }

        private static String when(Instant t) {
            return t == null ? "" : WHEN.format(t);
        }

        public String getUserId() {
            return userId;
        }

        public String getUsername() {
            return username;
        }

        public String getRoles() {
            return roles;
        }

        public String getCohorts() {
            return cohorts;
        }

        public boolean isDisabled() {
            return disabled;
        }

        public String getStatus() {
            return status;
        }

        public String getCreatedAt() {
            return createdAt;
        }
    }
}

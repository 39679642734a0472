package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The tenant admin's accounts page in a real Chromium, on a school of its own (created through the platform admin,
 * so that the demo school stays as other tests expect it): an admin creates a counsellor for one class and the
 * counsellor sees exactly that class; moves a counsellor to another class, resets a password and disables an account;
 * bad input is explained beside its field and creates nothing; only tenant admins have the page.
 */
class PortalAccountsIT {

    static final String PASSWORD = AccountsIT.PASSWORD;
    static final String RUN = Long.toString(System.nanoTime(), 36);
    static final String ADMIN = "brook.admin." + RUN;

    static String base;
    static Http http;
    static String admin;
    static String ash;
    static String elm;
    static List<String> ashChildren;
    static String elmChild;

    @RegisterExtension
    final BrowserSession session = BrowserSession.of(1280, 1000);

    @BeforeAll
    static void aSchoolOfItsOwn() throws Exception {
        base = SharedServer.get().baseUrl();
        http = new Http(base);
        School school = School.create(http, "Brookfield School " + RUN, ADMIN);
        admin = school.admin();
        ash = school.cohort("Year 3 Ash");
        elm = school.cohort("Year 4 Elm");
        ashChildren = List.of(school.child("Otter-" + RUN, 2017, ash), school.child("Heron-" + RUN, 2017, ash));
        elmChild = school.child("Badger-" + RUN, 2017, elm);
    }

    @Test
    void anAdminCreatesACounsellorForOneClassAndTheCounsellorSeesExactlyThatClass() throws Exception {
        String name = "brook.counsellor." + RUN;
        openAccountsAsAdmin();
        fillNewAccount(name, PASSWORD, "Counsellor", "Year 3 Ash");
        session.browser().findElement(By.id("create:createAccount")).click();

        session.await().until(d -> accountRow(name).contains("Year 3 Ash"));
        assertThat(accountRow(name)).contains("Counsellor").contains("Active").doesNotContain("Year 4 Elm");
        assertThat(session.browser().findElement(By.id("messages")).getText())
                .contains("Account " + name + " created.");
        assertThat(session.browser().findElement(By.id("create:username")).getAttribute("value"))
                .as("the form is empty for the next account")
                .isEmpty();
        Files.write(
                LaunchedServer.WORK.resolve("portal-accounts.png"),
                ((TakesScreenshot) session.browser()).getScreenshotAs(OutputType.BYTES));

        // The counsellor logs in to the portal: one class in the menu, and that class's children only.
        session.browser().manage().deleteAllCookies();
        Portal.logIn(session.browser(), base, name, PASSWORD);
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.await()
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#cohort\\:cohortSelect_input option")));
        List<String> options =
                session.browser().findElements(By.cssSelector("#cohort\\:cohortSelect_input option")).stream()
                        .map(o -> o.getAttribute("textContent").trim())
                        .toList();
        assertThat(options).containsExactly("Year 3 Ash (2 children)");
        session.await()
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cohort\\:children_data tr td")));
        List<String> names =
                session.browser().findElements(By.cssSelector("#cohort\\:children_data tr td:first-child")).stream()
                        .map(WebElement::getText)
                        .toList();
        assertThat(names).containsExactlyInAnyOrder("Otter-" + RUN, "Heron-" + RUN);
        assertThat(session.browser().findElements(By.id("navUsers")))
                .as("the counsellor's menu")
                .isEmpty();

        // And the API says the same: exactly that class and its children.
        String counsellor = http.token(name, PASSWORD);
        assertThat(AccountsIT.ids(http.get("/api/v1/cohorts", counsellor).json().asJsonArray(), "cohortId"))
                .containsExactly(ash);
        assertThat(AccountsIT.ids(
                        http.get("/api/v1/children", counsellor).json().asJsonArray(), "childId"))
                .containsExactlyInAnyOrderElementsOf(ashChildren);
        assertThat(http.get("/api/v1/children/" + elmChild, counsellor).status())
                .as("a child of the other class")
                .isEqualTo(404);

        // The accounts page is the tenant admin's alone.
        session.browser().get(base + "/portal/admin/users.xhtml");
        assertThat(session.browser().findElement(By.id("forbiddenTitle")).getText())
                .contains("not open to your account");
        assertThat(session.browser().getPageSource()).doesNotContain(ADMIN).doesNotContain("New account");
    }

    @Test
    void anAdminMovesACounsellorToAnotherClassResetsThePasswordAndDisablesTheAccount() throws Exception {
        String name = "brook.mover." + RUN;
        String userId = AccountsIT.created(
                http.post("/api/v1/users", AccountsIT.userBody(name, PASSWORD, "COUNSELLOR", ash), admin), "userId");
        openAccountsAsAdmin();
        openAccount(userId);
        assertThat(checked("account:cohorts")).containsExactly("Year 3 Ash");
        assertThat(checked("account:roles")).containsExactly("Counsellor");

        toggle("account:cohorts", "Year 3 Ash");
        toggle("account:cohorts", "Year 4 Elm");
        session.browser().findElement(By.id("account:save")).click();
        session.await().until(d -> accountRow(name).contains("Year 4 Elm"));
        assertThat(accountRow(name)).doesNotContain("Year 3 Ash");
        String moved = http.token(name, PASSWORD);
        assertThat(AccountsIT.ids(http.get("/api/v1/cohorts", moved).json().asJsonArray(), "cohortId"))
                .containsExactly(elm);
        assertThat(AccountsIT.ids(http.get("/api/v1/children", moved).json().asJsonArray(), "childId"))
                .containsExactly(elmChild);

        String newPassword = "amber lantern by the weir";
        session.browser().findElement(By.id("account:password")).sendKeys(newPassword);
        session.browser().findElement(By.id("account:reset")).click();
        session.await()
                .until(d -> d.findElement(By.id("messages")).getText().contains("new password of " + name + " is set"));
        assertThat(http.login(name, PASSWORD).status()).as("the old password").isEqualTo(401);
        assertThat(http.get("/api/v1/cohorts", moved).status())
                .as("a token issued before the reset")
                .isEqualTo(401);
        assertThat(http.login(name, newPassword).status())
                .as("the new password")
                .isEqualTo(200);

        session.browser().findElement(By.id("account:disable")).click();
        WebElement yes =
                session.await().until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")));
        assertThat(session.browser()
                        .findElement(By.cssSelector(".ui-confirm-dialog"))
                        .getText())
                .contains("can no longer log in");
        yes.click();
        session.await().until(d -> accountRow(name).contains("Disabled since"));
        assertThat(http.login(name, newPassword).status())
                .as("a disabled account logs in")
                .isEqualTo(401);
        List<String> blocked = session.browser().manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
        assertThat(blocked)
                .as("what the policy blocked, the confirmation dialog included")
                .isEmpty();
        JsonObject account = http.get("/api/v1/users/" + userId, admin).object();
        assertThat(account.getBoolean("disabled")).isTrue();
        assertThat(account.getJsonArray("cohortIds").getString(0)).isEqualTo(elm);
    }

    @Test
    void theAccountsSortByUserNameBothWays() throws Exception {
        AccountsIT.created(
                http.post("/api/v1/users", AccountsIT.userBody("brook.aaa." + RUN, PASSWORD, "GUARDIAN"), admin),
                "userId");
        openAccountsAsAdmin();
        By header = By.cssSelector("#accounts\\:table th.zm-username");
        session.browser().findElement(header).click();
        session.await().until(d -> names().equals(names().stream().sorted().toList()) && names().size() > 1);
        session.browser().findElement(header).click();
        session.await()
                .until(d -> names().equals(names().stream()
                        .sorted(java.util.Comparator.reverseOrder())
                        .toList()));
        assertThat(names()).contains("brook.aaa." + RUN, ADMIN);
        assertThat(session.browser().findElements(By.id("errorTitle")))
                .as("the error page")
                .isEmpty();
    }

    private List<String> names() {
        return session.browser().findElements(By.cssSelector("#accounts\\:table_data .zm-account")).stream()
                .map(WebElement::getText)
                .toList();
    }

    @Test
    void badInputIsExplainedBesideItsFieldAndCreatesNothing() throws Exception {
        int before = accounts().size();
        openAccountsAsAdmin();

        fillNewAccount("x", PASSWORD, "Counsellor", null);
        session.browser().findElement(By.id("create:createAccount")).click();
        assertThat(fieldMessage("create:username")).contains("3 to 100 letters");

        clearNewAccount();
        fillNewAccount("brook.weak." + RUN, "password", "Counsellor", null);
        session.browser().findElement(By.id("create:createAccount")).click();
        assertThat(fieldMessage("create:password")).startsWith("Password:");

        clearNewAccount();
        fillNewAccount("brook.parent." + RUN, PASSWORD, "Parent or guardian", "Year 3 Ash");
        session.browser().findElement(By.id("create:createAccount")).click();
        assertThat(fieldMessage("create:cohorts")).contains("only counsellors and clinicians");

        clearNewAccount();
        fillNewAccount("brook.nobody." + RUN, PASSWORD, null, null);
        session.browser().findElement(By.id("create:createAccount")).click();
        assertThat(fieldMessage("create:roles")).contains("at least one role");

        clearNewAccount();
        fillNewAccount(ADMIN.toUpperCase(java.util.Locale.ROOT), PASSWORD, "Counsellor", null);
        session.browser().findElement(By.id("create:createAccount")).click();
        assertThat(fieldMessage("create:username")).isEqualTo("User name: The user name is taken.");

        assertThat(accounts()).as("accounts after five refused forms").hasSize(before);
        assertThat(session.browser().getPageSource())
                .as("no stack trace, and no password typed")
                .doesNotContain("at org.zenmoon")
                .doesNotContain(PASSWORD);
    }

    @Test
    void theAccountsPageHasNoSeriousOrCriticalAccessibilityViolation() throws Exception {
        String userId = AccountsIT.created(
                http.post("/api/v1/users", AccountsIT.userBody("brook.axe." + RUN, PASSWORD, "CLINICIAN", elm), admin),
                "userId");
        openAccountsAsAdmin();
        openAccount(userId);
        assertThat(Axe.seriousViolations((JavascriptExecutor) session.browser()))
                .as("axe-core's serious and critical violations")
                .isEqualTo("[]");
        session.browser().manage().window().setSize(new org.openqa.selenium.Dimension(768, 1000));
        Long overflow = (Long) ((JavascriptExecutor) session.browser())
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("sideways scrolling at 768 px").isLessThanOrEqualTo(0L);
    }

    // ---------------------------------------------------------------------------------------------------------

    private void openAccountsAsAdmin() {
        Portal.logIn(session.browser(), base, ADMIN, PASSWORD);
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.browser().findElement(By.id("navUsers")).click();
        session.await().until(ExpectedConditions.presenceOfElementLocated(By.id("create:createAccount")));
        assertThat(accountRow(ADMIN)).contains("Tenant admin");
    }

    private void openAccount(String userId) {
        WebElement row = session.browser()
                .findElement(By.cssSelector("[data-user-id='" + userId + "']"))
                .findElement(By.xpath("ancestor::tr"));
        row.findElement(By.cssSelector(".zm-open-account")).click();
        session.await().until(ExpectedConditions.presenceOfElementLocated(By.id("account:save")));
    }

    /** The accounts table's row of one user name, as text; empty while the table is replaced. */
    private String accountRow(String username) {
        return session.browser().findElements(By.cssSelector("#accounts\\:table_data tr")).stream()
                .map(WebElement::getText)
                .filter(t -> t.startsWith(username + " ") || t.startsWith(username + "\n"))
                .findFirst()
                .orElse("");
    }

    private void fillNewAccount(String username, String password, String role, String cohort) {
        session.browser().findElement(By.id("create:username")).sendKeys(username);
        session.browser().findElement(By.id("create:password")).sendKeys(password);
        if (role != null) {
            toggle("create:roles", role);
        }
        if (cohort != null) {
            toggle("create:cohorts", cohort);
        }
    }

    /** Empties the fields and unticks every box the last attempt left ticked. */
    private void clearNewAccount() {
        session.browser().findElement(By.id("create:username")).clear();
        session.browser().findElement(By.id("create:password")).clear();
        for (String group : List.of("create:roles", "create:cohorts")) {
            for (String label : checked(group)) {
                toggle(group, label);
            }
        }
    }

    /** Clicks the box of a checkbox group whose label is {@code label}. */
    private void toggle(String group, String label) {
        WebElement box = session.browser().findElement(By.id(group)).findElements(By.tagName("label")).stream()
                .filter(l -> l.getText().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no box labelled " + label + " in " + group));
        box.click();
    }

    private List<String> checked(String group) {
        return session.browser().findElement(By.id(group)).findElements(By.cssSelector("input[type=checkbox]")).stream()
                .filter(WebElement::isSelected)
                .map(i -> session.browser()
                        .findElement(By.cssSelector("label[for='" + i.getAttribute("id") + "']"))
                        .getText())
                .toList();
    }

    /** The message shown beside a field once the form comes back ({@code create:username}: its message). */
    private String fieldMessage(String field) {
        return session.await().until(d -> {
            String text = d.findElement(By.id(field + "Message")).getText();
            return text.isBlank() ? null : text;
        });
    }

    private JsonArray accounts() throws Exception {
        return http.get("/api/v1/users", admin).json().asJsonArray();
    }
}

package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

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

    WebDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void aSchoolOfItsOwn() throws Exception {
        base = SharedServer.get().baseUrl();
        http = new Http(base);
        Http.Reply tenant = http.post(
                "/api/v1/tenants", AccountsIT.tenantBody("Brookfield School " + RUN, ADMIN), http.token("admin"));
        assertThat(tenant.status()).as(tenant.body()).isEqualTo(201);
        admin = http.token(ADMIN, PASSWORD);
        ash = AccountsIT.created(http.post("/api/v1/cohorts", AccountsIT.cohortBody("Year 3 Ash"), admin), "cohortId");
        elm = AccountsIT.created(http.post("/api/v1/cohorts", AccountsIT.cohortBody("Year 4 Elm"), admin), "cohortId");
        ashChildren = List.of(child("Otter-" + RUN, ash), child("Heron-" + RUN, ash));
        elmChild = child("Badger-" + RUN, elm);
    }

    private static String child(String pseudonym, String cohortId) throws Exception {
        return AccountsIT.created(
                http.post("/api/v1/children", AccountsIT.childBody(pseudonym, 2017, cohortId), admin), "childId");
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Chromium.start(1280, 1000);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAdminCreatesACounsellorForOneClassAndTheCounsellorSeesExactlyThatClass() throws Exception {
        String name = "brook.counsellor." + RUN;
        openAccountsAsAdmin();
        fillNewAccount(name, PASSWORD, "Counsellor", "Year 3 Ash");
        browser.findElement(By.id("create:createAccount")).click();

        wait.until(d -> accountRow(name).contains("Year 3 Ash"));
        assertThat(accountRow(name)).contains("Counsellor").contains("Active").doesNotContain("Year 4 Elm");
        assertThat(browser.findElement(By.id("messages")).getText()).contains("Account " + name + " created.");
        assertThat(browser.findElement(By.id("create:username")).getAttribute("value"))
                .as("the form is empty for the next account")
                .isEmpty();
        Files.write(
                LaunchedServer.WORK.resolve("portal-accounts.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // The counsellor logs in to the portal: one class in the menu, and that class's children only.
        browser.manage().deleteAllCookies();
        Portal.logIn(browser, base, name, PASSWORD);
        wait.until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cohort\\:cohortSelect_input option")));
        List<String> options = browser.findElements(By.cssSelector("#cohort\\:cohortSelect_input option")).stream()
                .map(o -> o.getAttribute("textContent").trim())
                .toList();
        assertThat(options).containsExactly("Year 3 Ash (2 children)");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cohort\\:children_data tr td")));
        List<String> names = browser.findElements(By.cssSelector("#cohort\\:children_data tr td:first-child")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(names).containsExactlyInAnyOrder("Otter-" + RUN, "Heron-" + RUN);
        assertThat(browser.findElements(By.id("navUsers")))
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
        browser.get(base + "/portal/admin/users.xhtml");
        assertThat(browser.findElement(By.id("forbiddenTitle")).getText()).contains("not open to your account");
        assertThat(browser.getPageSource()).doesNotContain(ADMIN).doesNotContain("New account");
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
        browser.findElement(By.id("account:save")).click();
        wait.until(d -> accountRow(name).contains("Year 4 Elm"));
        assertThat(accountRow(name)).doesNotContain("Year 3 Ash");
        String moved = http.token(name, PASSWORD);
        assertThat(AccountsIT.ids(http.get("/api/v1/cohorts", moved).json().asJsonArray(), "cohortId"))
                .containsExactly(elm);
        assertThat(AccountsIT.ids(http.get("/api/v1/children", moved).json().asJsonArray(), "childId"))
                .containsExactly(elmChild);

        String newPassword = "amber lantern by the weir";
        browser.findElement(By.id("account:password")).sendKeys(newPassword);
        browser.findElement(By.id("account:reset")).click();
        wait.until(d -> d.findElement(By.id("messages")).getText().contains("new password of " + name + " is set"));
        assertThat(http.login(name, PASSWORD).status()).as("the old password").isEqualTo(401);
        assertThat(http.get("/api/v1/cohorts", moved).status())
                .as("a token issued before the reset")
                .isEqualTo(401);
        assertThat(http.login(name, newPassword).status())
                .as("the new password")
                .isEqualTo(200);

        browser.findElement(By.id("account:disable")).click();
        WebElement yes = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")));
        assertThat(browser.findElement(By.cssSelector(".ui-confirm-dialog")).getText())
                .contains("can no longer log in");
        yes.click();
        wait.until(d -> accountRow(name).contains("Disabled since"));
        assertThat(http.login(name, newPassword).status())
                .as("a disabled account logs in")
                .isEqualTo(401);
        List<String> blocked = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
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
        browser.findElement(header).click();
        wait.until(d -> names().equals(names().stream().sorted().toList()) && names().size() > 1);
        browser.findElement(header).click();
        wait.until(d -> names().equals(names().stream()
                .sorted(java.util.Comparator.reverseOrder())
                .toList()));
        assertThat(names()).contains("brook.aaa." + RUN, ADMIN);
        assertThat(browser.findElements(By.id("errorTitle")))
                .as("the error page")
                .isEmpty();
    }

    private List<String> names() {
        return browser.findElements(By.cssSelector("#accounts\\:table_data .zm-account")).stream()
                .map(WebElement::getText)
                .toList();
    }

    @Test
    void badInputIsExplainedBesideItsFieldAndCreatesNothing() throws Exception {
        int before = accounts().size();
        openAccountsAsAdmin();

        fillNewAccount("x", PASSWORD, "Counsellor", null);
        browser.findElement(By.id("create:createAccount")).click();
        assertThat(fieldMessage("create:username")).contains("3 to 100 letters");

        clearNewAccount();
        fillNewAccount("brook.weak." + RUN, "password", "Counsellor", null);
        browser.findElement(By.id("create:createAccount")).click();
        assertThat(fieldMessage("create:password")).startsWith("Password:");

        clearNewAccount();
        fillNewAccount("brook.parent." + RUN, PASSWORD, "Parent or guardian", "Year 3 Ash");
        browser.findElement(By.id("create:createAccount")).click();
        assertThat(fieldMessage("create:cohorts")).contains("only counsellors and clinicians");

        clearNewAccount();
        fillNewAccount("brook.nobody." + RUN, PASSWORD, null, null);
        browser.findElement(By.id("create:createAccount")).click();
        assertThat(fieldMessage("create:roles")).contains("at least one role");

        clearNewAccount();
        fillNewAccount(ADMIN.toUpperCase(java.util.Locale.ROOT), PASSWORD, "Counsellor", null);
        browser.findElement(By.id("create:createAccount")).click();
        assertThat(fieldMessage("create:username")).isEqualTo("User name: The user name is taken.");

        assertThat(accounts()).as("accounts after five refused forms").hasSize(before);
        assertThat(browser.getPageSource())
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
        assertThat(Axe.seriousViolations((JavascriptExecutor) browser))
                .as("axe-core's serious and critical violations")
                .isEqualTo("[]");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(768, 1000));
        Long overflow = (Long) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("sideways scrolling at 768 px").isLessThanOrEqualTo(0L);
    }

    // ---------------------------------------------------------------------------------------------------------

    private void openAccountsAsAdmin() {
        Portal.logIn(browser, base, ADMIN, PASSWORD);
        wait.until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        browser.findElement(By.id("navUsers")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("create:createAccount")));
        assertThat(accountRow(ADMIN)).contains("Tenant admin");
    }

    private void openAccount(String userId) {
        WebElement row = browser.findElement(By.cssSelector("[data-user-id='" + userId + "']"))
                .findElement(By.xpath("ancestor::tr"));
        row.findElement(By.cssSelector(".zm-open-account")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("account:save")));
    }

    /** The accounts table's row of one user name, as text; empty while the table is replaced. */
    private String accountRow(String username) {
        return browser.findElements(By.cssSelector("#accounts\\:table_data tr")).stream()
                .map(WebElement::getText)
                .filter(t -> t.startsWith(username + " ") || t.startsWith(username + "\n"))
                .findFirst()
                .orElse("");
    }

    private void fillNewAccount(String username, String password, String role, String cohort) {
        browser.findElement(By.id("create:username")).sendKeys(username);
        browser.findElement(By.id("create:password")).sendKeys(password);
        if (role != null) {
            toggle("create:roles", role);
        }
        if (cohort != null) {
            toggle("create:cohorts", cohort);
        }
    }

    /** Empties the fields and unticks every box the last attempt left ticked. */
    private void clearNewAccount() {
        browser.findElement(By.id("create:username")).clear();
        browser.findElement(By.id("create:password")).clear();
        for (String group : List.of("create:roles", "create:cohorts")) {
            for (String label : checked(group)) {
                toggle(group, label);
            }
        }
    }

    /** Clicks the box of a checkbox group whose label is {@code label}. */
    private void toggle(String group, String label) {
        WebElement box = browser.findElement(By.id(group)).findElements(By.tagName("label")).stream()
                .filter(l -> l.getText().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no box labelled " + label + " in " + group));
        box.click();
    }

    private List<String> checked(String group) {
        return browser.findElement(By.id(group)).findElements(By.cssSelector("input[type=checkbox]")).stream()
                .filter(WebElement::isSelected)
                .map(i -> browser.findElement(By.cssSelector("label[for='" + i.getAttribute("id") + "']"))
                        .getText())
                .toList();
    }

    /** The message shown beside a field once the form comes back ({@code create:username}: its message). */
    private String fieldMessage(String field) {
        return wait.until(d -> {
            String text = d.findElement(By.id(field + "Message")).getText();
            return text.isBlank() ? null : text;
        });
    }

    private JsonArray accounts() throws Exception {
        return http.get("/api/v1/users", admin).json().asJsonArray();
    }
}

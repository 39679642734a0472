package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.user.PasswordHash;

/**
 * Tokens and portal sessions end when the account logs out; every answer carries the security headers; bad log-in
 * input and oversized bodies are 4xx; the portal's session cookie, its log-in and its error pages, over HTTP.
 */
class SessionsIT {

    static Http http;

    @BeforeAll
    static void server() throws Exception {
        http = new Http(SharedServer.get().baseUrl());
    }

    @Test
    void logOutRevokesEveryTokenOfTheAccount() throws Exception {
        String first = http.token("clinic.admin");
        String second = http.token("clinic.admin");
        assertThat(http.get("/api/v1/children", first).status()).isEqualTo(200);

        Http.Reply out = http.post("/api/v1/auth/logout", "", first);
        assertThat(out.status()).isEqualTo(204);

        Http.Reply old = http.get("/api/v1/children", first);
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.contentType()).startsWith("application/problem+json");
        assertThat(old.object().getString("detail")).contains("revoked");
        assertThat(http.get("/api/v1/children", second).status())
                .as("the account's other token")
                .isEqualTo(401);
        assertThat(http.get("/api/v1/children", http.token("clinic.admin")).status())
                .as("a new log-in")
                .isEqualTo(200);
        assertThat(http.post("/api/v1/auth/logout", "", first).status())
                .as("log-out with a revoked token")
                .isEqualTo(401);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        Map<String, Http.Reply> answers = new LinkedHashMap<>();
        answers.put("api 200", http.get("/api/v1/children", http.token("counsellor")));
        answers.put("api 401", http.get("/api/v1/children", null));
        answers.put("portal log-in page", http.get("/login.xhtml", null));
        answers.put("portal redirect to log-in", http.get("/portal/cohort.xhtml", null));
        answers.put("missing page", http.get("/no-such-page.xhtml", null));
        answers.forEach((what, r) -> {
            assertThat(r.headers().firstValue("X-Frame-Options")).as(what).contains("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options"))
                    .as(what)
                    .contains("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(what).contains("no-referrer");
            assertThat(r.headers().allValues("Content-Security-Policy"))
                    .as(what)
                    .anySatisfy(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
            assertThat(r.headers().firstValue("Strict-Transport-Security"))
                    .as(what + ": no HSTS on plain HTTP")
                    .isEmpty();
        });
        assertThat(answers.get("api 200").headers().allValues("Content-Security-Policy"))
                .anySatisfy(csp -> assertThat(csp).contains("default-src 'none'"));

        // The portal's scripts run only with the page's nonce (PrimeFaces), and the page's scripts carry it.
        Http.Reply page = answers.get("portal log-in page");
        String scriptPolicy = page.headers().allValues("Content-Security-Policy").stream()
                .filter(csp -> csp.contains("script-src"))
                .findFirst()
                .orElseThrow();
        Matcher nonce = Pattern.compile("'nonce-([^']+)'").matcher(scriptPolicy);
        assertThat(nonce.find()).as(scriptPolicy).isTrue();
        assertThat(scriptPolicy).doesNotContain("unsafe-inline");
        assertThat(page.body()).contains("nonce=\"" + nonce.group(1) + "\"");
    }

    @Test
    void controlCharactersAndOverlongUserNamesAreBadRequests() throws Exception {
        Http.Reply nul = http.login("counsellor\u0000", "demo");
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.contentType()).startsWith("application/problem+json");
        assertThat(nul.object().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("username");
        assertThat(http.login("counsellor\u0007", "demo").status()).isEqualTo(400);
        assertThat(http.login("a".repeat(101), "demo").status()).isEqualTo(400);
        assertThat(http.login("a".repeat(100), "demo").status())
                .as("100 characters is a possible name, just a wrong one")
                .isEqualTo(401);
    }

    @Test
    void anOversizedApiBodyIs413WithoutBeingRead() throws Exception {
        // HTTP/1.1, as a script or a browser speaks it without TLS. (Over a plain connection upgraded to HTTP/2,
        // Payara resets the stream of an answer sent before the body was read, and the client reports that.)
        Http http = new Http(SharedServer.get().baseUrl(), java.net.http.HttpClient.Version.HTTP_1_1);
        String big = "{\"username\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"password\":\"demo\"}";
        Http.Reply declared = http.send(http.request("/api/v1/auth/token")
                .header("Content-Type", "application/json")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(big))
                .build());
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.contentType()).startsWith("application/problem+json");
        assertThat(declared.object().getInt("status")).isEqualTo(413);

        // Without a declared length (chunked) the body is counted as it is read.
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        Http.Reply chunked = http.send(http.request("/api/v1/auth/token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build());
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.contentType()).startsWith("application/problem+json");

        assertThat(http.login("counsellor", "demo").status())
                .as("a normal body still passes")
                .isEqualTo(200);
    }

    /** A browser without JavaScript: the log-in form's cookie and view state, then the form post. */
    record Form(String cookie, String viewState, String nonce, List<String> setCookies) {}

    Form loginForm() throws Exception {
        Http.Reply page = http.get("/login.xhtml", null);
        assertThat(page.status()).isEqualTo(200);
        Matcher state = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                .matcher(page.body());
        assertThat(state.find()).as("the form's view state").isTrue();
        // PrimeFaces' script puts the page's CSP nonce into every form it posts, and checks it on the post.
        Matcher nonce = Pattern.compile("'nonce-([^']+)'")
                .matcher(String.join(" ", page.headers().allValues("Content-Security-Policy")));
        assertThat(nonce.find()).as("the page's nonce").isTrue();
        return new Form(sessionCookie(page.cookies()), state.group(1), nonce.group(1), page.cookies());
    }

    static String sessionCookie(List<String> setCookies) {
        return setCookies.stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst()
                .orElse(null);
    }

    Http.Reply postLogin(Form form, String username, String password) throws Exception {
        return postLogin(form.cookie(), form.viewState(), form.nonce(), username, password);
    }

    Http.Reply postLogin(String cookie, String viewState, String nonce, String username, String password)
            throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        if (nonce != null) {
            fields.put("primefaces.nonce", nonce);
        }
        fields.put("login", "login");
        fields.put("login:username", username);
        fields.put("login:password", password);
        fields.put("login:submit", "");
        fields.put("jakarta.faces.ViewState", viewState);
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = http.request("/login.xhtml")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build());
    }

    Http.Reply portal(String cookie) throws Exception {
        return http.send(http.request("/portal/cohort.xhtml")
                .header("Cookie", cookie)
                .GET()
                .build());
    }

    @Test
    void thePortalSessionCookieIsHttpOnlySameSiteAndRenewedAtLogIn() throws Exception {
        Form form = loginForm();
        assertThat(form.cookie()).as("the log-in page's session").isNotNull();
        String setCookie = form.setCookies().stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        assertThat(List.of(setCookie.split(";")))
                .as("no Secure flag on plain HTTP")
                .noneMatch(attribute -> attribute.trim().equalsIgnoreCase("Secure"));

        Http.Reply in = postLogin(form, "school.admin", "demo");
        assertThat(in.status()).as(in.body()).isEqualTo(302);
        assertThat(in.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/portal/cohort.xhtml"));
        String loggedIn = sessionCookie(in.cookies());
        assertThat(loggedIn).as("a new session id at log-in").isNotNull().isNotEqualTo(form.cookie());

        assertThat(portal(loggedIn).status()).isEqualTo(200);
        Http.Reply planted = portal(form.cookie());
        assertThat(planted.status()).as("the id from before log-in").isEqualTo(302);
        assertThat(planted.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/login.xhtml"));

        // Logging out through the API ends the portal session of the same account too.
        assertThat(http.post("/api/v1/auth/logout", "", http.token("school.admin"))
                        .status())
                .isEqualTo(204);
        Http.Reply ended = portal(loggedIn);
        assertThat(ended.status()).isEqualTo(302);
        assertThat(ended.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/login.xhtml"));
    }

    @Test
    void aFormPostWithoutTheSessionsViewStateLogsNobodyIn() throws Exception {
        Http.Reply forged = postLogin(null, "forged-view-state", null, "school.admin", "demo");
        assertThat(forged.status()).isEqualTo(302);
        assertThat(forged.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/login.xhtml?expired=true"));
        String cookie = sessionCookie(forged.cookies());
        if (cookie != null) {
            assertThat(portal(cookie).status()).as("no one is logged in").isEqualTo(302);
        }
    }

    @Test
    void thePortalLogInRefusesControlCharactersAndOverlongNamesWith400() throws Exception {
        Form form = loginForm();
        Http.Reply r = postLogin(form, "counsellor\u0000", "demo");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("without control characters");

        Form again = loginForm();
        // PrimeFaces cuts a value to the field's maxlength (100) on the server, so a 101-character name arrives as a
        // possible one and fails as a wrong log-in: no 5xx, no session.
        Http.Reply longName = postLogin(again, "a".repeat(101), "demo");
        assertThat(longName.status()).isEqualTo(200);
        assertThat(longName.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void aMissingPageIsAFriendlyPageWithAReference() throws Exception {
        Http.Reply r = http.get("/no-such-page.xhtml", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).contains("html");
        assertThat(r.body()).contains("This page does not exist").containsPattern("Reference: .*[0-9a-f]{6,}");
        assertThat(r.body())
                .doesNotContain("Caused by")
                .doesNotContain("at org.")
                .doesNotContain("NotFound");
    }

    static Connection db() throws SQLException {
        try {
            return SharedServer.ownerConnection();
        } catch (java.io.IOException e) {
            throw new SQLException("cannot read the database owner's password", e);
        }
    }

    /** Changes one account as the admin API does, behind the server's back. */
    static void update(String sql, String username) throws SQLException {
        try (Connection c = db();
                PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, username);
            assertThat(q.executeUpdate()).as(sql).isEqualTo(1);
        }
    }

    static String column(String column, String username) throws SQLException {
        try (Connection c = db();
                PreparedStatement q = c.prepareStatement("SELECT " + column + " FROM app_user WHERE username = ?")) {
            q.setString(1, username);
            try (ResultSet r = q.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getString(1);
            }
        }
    }

    @Test
    void aNewTokenVersionOrADisabledAccountEndsTheTokensAtOnce() throws Exception {
        String user = "guardian.5";
        String token = http.token(user);
        assertThat(http.get("/api/v1/children", token).status()).isEqualTo(200);
        // What a new password or new roles do to the account.
        update("UPDATE app_user SET token_version = token_version + 1 WHERE username = ?", user);
        assertThat(http.get("/api/v1/children", token).status()).isEqualTo(401);

        String fresh = http.token(user);
        assertThat(http.get("/api/v1/children", fresh).status()).isEqualTo(200);
        try {
            update("UPDATE app_user SET disabled_at = now() WHERE username = ?", user);
            assertThat(http.get("/api/v1/children", fresh).status())
                    .as("disabled")
                    .isEqualTo(401);
            assertThat(http.login(user, "demo").status())
                    .as("log-in when disabled")
                    .isEqualTo(401);
        } finally {
            update("UPDATE app_user SET disabled_at = NULL WHERE username = ?", user);
        }
    }

    @Test
    void aPasswordHashWithFewerIterationsIsReplacedAtTheNextLogIn() throws Exception {
        String user = "guardian.7";
        try (Connection c = db();
                PreparedStatement q = c.prepareStatement("UPDATE app_user SET password_hash = ? WHERE username = ?")) {
            q.setString(1, PasswordHash.hash("demo".toCharArray(), 120_000));
            q.setString(2, user);
            assertThat(q.executeUpdate()).isEqualTo(1);
        }
        String version = column("token_version", user);

        assertThat(http.login(user, "demo").status()).isEqualTo(200);

        String stored = column("password_hash", user);
        assertThat(stored).startsWith("pbkdf2-sha256$" + PasswordHash.DEFAULT_ITERATIONS + "$");
        assertThat(PasswordHash.verify("demo".toCharArray(), stored)).isTrue();
        assertThat(column("token_version", user))
                .as("a stronger hash revokes nothing")
                .isEqualTo(version);
        assertThat(http.login(user, "demo").status()).isEqualTo(200);
    }
}

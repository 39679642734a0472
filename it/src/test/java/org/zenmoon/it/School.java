package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/**
 * A school of its own, made through the platform admin so that the demo school stays as other tests expect it: its
 * tenant id and its admin's token, and what the admin sets up in it through the API. Every account has
 * {@link AccountsIT#PASSWORD}.
 */
record School(Http http, String tenantId, String admin) {

    /** A new school whose admin (of that user name) is logged in. */
    static School create(Http http, String name, String adminUsername) throws Exception {
        Http.Reply tenant =
                http.post("/api/v1/tenants", AccountsIT.tenantBody(name, adminUsername), http.token("admin"));
        assertThat(tenant.status()).as(tenant.body()).isEqualTo(201);
        return new School(http, tenant.object().getString("tenantId"), http.token(adminUsername, AccountsIT.PASSWORD));
    }

    /** A class; its id. */
    String cohort(String name) throws Exception {
        return AccountsIT.created(http.post("/api/v1/cohorts", AccountsIT.cohortBody(name), admin), "cohortId");
    }

    /** An account with one role, in these classes (none for a guardian); its id. */
    String user(String username, String role, String... cohortIds) throws Exception {
        return AccountsIT.created(
                http.post("/api/v1/users", AccountsIT.userBody(username, AccountsIT.PASSWORD, role, cohortIds), admin),
                "userId");
    }

    /** A child in a class; its id. */
    String child(String pseudonym, int birthYear, String cohortId) throws Exception {
        return AccountsIT.created(
                http.post("/api/v1/children", AccountsIT.childBody(pseudonym, birthYear, cohortId), admin), "childId");
    }

    /** Links a guardian's account to a child. */
    void link(String childId, String guardianUsername) throws Exception {
        Http.Reply linked = http.post(
                "/api/v1/children/" + childId + "/guardians",
                AccountsIT.object(Map.of("username", guardianUsername)),
                admin);
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
    }

    /** The guardian (by its token) grants these consents for the child, on the 2026-01 notice. */
    void consent(String childId, String guardianToken, String... scopes) throws Exception {
        for (String scope : scopes) {
            Http.Reply consent = http.post(
                    "/api/v1/children/" + childId + "/consents",
                    AccountsIT.object(Map.of("scope", scope, "noticeVersion", "2026-01")),
                    guardianToken);
            assertThat(consent.status()).as(consent.body()).isEqualTo(201);
        }
    }
}

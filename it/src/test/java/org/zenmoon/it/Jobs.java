package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;

/** Running a job through the API as an admin would, for the tests that need its results. */
final class Jobs {

    private Jobs() {}

    /** Starts the job once no other run of it is active for the tenant (409), and waits for its end. */
    static JsonObject runToTheEnd(Http http, String job, String admin) throws Exception {
        for (int i = 0; i < 600; i++) {
            Http.Reply started = http.post("/api/v1/admin/jobs/" + job, "", admin);
            if (started.status() == 202) {
                String id = started.object().getString("executionId");
                for (int j = 0; j < 1200; j++) {
                    JsonObject status =
                            http.get("/api/v1/admin/jobs/" + id, admin).object();
                    if (!JobsIT.active(status)) {
                        return status;
                    }
                    Thread.sleep(250);
                }
                throw new AssertionError(job + " did not end within five minutes");
            }
            assertThat(started.status()).as(started.body()).isEqualTo(409);
            Thread.sleep(250);
        }
        throw new AssertionError(job + " could not start");
    }
}

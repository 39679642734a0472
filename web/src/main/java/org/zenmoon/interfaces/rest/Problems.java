package org.zenmoon.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** RFC 9457 problem documents, the one error format of the API. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {}

    public static String json(int status, String title, String detail) {
        return body(status, title, detail).build().toString();
    }

    public static Response response(int status, String title, String detail) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(json(status, title, detail))
                .build();
    }

    /** A 400 with one entry per invalid field. */
    /** A batch with thousands of bad epochs gets a readable answer, not one as large as the batch. */
    static final int MAX_LISTED_ERRORS = 100;

    public static Response validation(String detail, Map<String, String> fieldErrors) {
        JsonArrayBuilder errors = Json.createArrayBuilder();
        fieldErrors.entrySet().stream()
                .limit(MAX_LISTED_ERRORS)
                .forEach(e -> errors.add(
                        Json.createObjectBuilder().add("field", e.getKey()).add("message", e.getValue())));
        String shown = fieldErrors.size() <= MAX_LISTED_ERRORS
                ? detail
                : detail + " " + fieldErrors.size() + " fields are not valid; the first " + MAX_LISTED_ERRORS
                        + " are listed.";
        return Response.status(400)
                .type(MEDIA_TYPE)
                .entity(body(400, "Bad Request", shown)
                        .add("errors", errors)
                        .build()
                        .toString())
                .build();
    }

    private static JsonObjectBuilder body(int status, String title, String detail) {
        return Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status)
                .add("detail", detail == null ? title : detail);
    }
}

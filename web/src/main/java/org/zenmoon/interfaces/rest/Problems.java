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
    public static Response validation(String detail, Map<String, String> fieldErrors) {
        JsonArrayBuilder errors = Json.createArrayBuilder();
        fieldErrors.forEach((field, message) ->
                errors.add(Json.createObjectBuilder().add("field", field).add("message", message)));
        return Response.status(400)
                .type(MEDIA_TYPE)
                .entity(body(400, "Bad Request", detail)
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

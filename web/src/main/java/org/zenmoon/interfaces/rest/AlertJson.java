package org.zenmoon.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import org.zenmoon.application.AlertView;

/**
 * The one JSON shape of an alert (API.md, "Alerts"): an item of {@code GET /children/{childId}/alerts} and a message
 * of the {@code /ws/alerts} socket alike. Times are ISO-8601 in UTC; {@code acknowledgedBy} and
 * {@code acknowledgedAt} are null until staff acknowledge the alert.
 */
public final class AlertJson {

    private AlertJson() {}

    public static JsonObject of(AlertView a) {
        JsonObjectBuilder o = Json.createObjectBuilder()
                .add("alertId", a.alertId())
                .add("childId", a.childId())
                .add("kind", a.kind())
                .add("severity", a.severity())
                .add("at", a.at().toString())
                .add("raisedAt", a.raisedAt().toString())
                .add("detail", a.detail());
        nullable(o, "acknowledgedBy", a.acknowledgedBy());
        nullable(o, "acknowledgedAt", a.acknowledgedAt());
        return o.build();
    }

    private static void nullable(JsonObjectBuilder o, String name, Object value) {
        if (value == null) {
            o.addNull(name);
        } else {
            o.add(name, value instanceof Instant t ? t.toString() : value.toString());
        }
    }
}

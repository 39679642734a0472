package org.zenmoon.application;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.zenmoon.domain.model.alert.Alert;
import org.zenmoon.domain.model.alert.StoredAlert;
import org.zenmoon.domain.model.child.ConcernsAChild;

/**
 * An alert as API.md ("Alerts") shows it, the same in the list and on the WebSocket:
 * <ul>
 *   <li>{@code kind}: the contract's name, {@code stress_sustained} for the stored {@code sustained_stress};
 *   <li>{@code severity}: {@code high} when the alert's value lies at least halfway from its threshold to the top
 *       of the 0..1 scale (both stress and the anomaly score are 0..1), else {@code warning};
 *   <li>{@code at}: the start of the alert's run of minutes; {@code raisedAt}: when the server raised it (what
 *       {@code from} and {@code to} bound);
 *   <li>{@code detail}: one sentence for a parent, from this alert's own figures only, its clock time and day in
 *       the tenant's time zone ({@link TenantZone}), which it names ({@code 14:05 Europe/Berlin on 2 Dec 2026});
 *       {@code at} and {@code raisedAt} stay instants.
 * </ul>
 */
public record AlertView(
        String alertId,
        String childId,
        String kind,
        String severity,
        Instant at,
        Instant raisedAt,
        String detail,
        String acknowledgedBy,
        Instant acknowledgedAt)
        implements ConcernsAChild {

    public static final String STRESS_SUSTAINED = "stress_sustained";
    public static final String WARNING = "warning";
    public static final String HIGH = "high";

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    /** The alert as the API shows it, its detail's time written in {@code zone}, the tenant's. */
    public static AlertView of(StoredAlert stored, ZoneId zone) {
        Alert a = stored.alert();
        return new AlertView(
                a.id(),
                a.childId(),
                kind(a.kind()),
                severity(a.value(), a.threshold()),
                a.startedAt(),
                a.raisedAt(),
                detail(a, zone),
                stored.acknowledgedBy(),
                stored.acknowledgedAt());
    }

    /** The contract's name of a stored kind. */
    static String kind(String stored) {
        return switch (stored) {
            case Alert.SUSTAINED_STRESS -> STRESS_SUSTAINED;
            case Alert.DEVICE_ANOMALY -> Alert.DEVICE_ANOMALY;
            default -> throw new IllegalArgumentException("no API name for the alert kind " + stored);
        };
    }

    /** {@code high} from halfway between the threshold and 1.0 upwards, else {@code warning}. */
    static String severity(double value, double threshold) {
        return value >= threshold + (1.0 - threshold) / 2 ? HIGH : WARNING;
    }

    /** The minutes of a run whose first and last minutes start at {@code start} and {@code end}. */
    static long minutes(Instant start, Instant end) {
        return Duration.between(start, end).toMinutes() + 1;
    }

    static String detail(Alert a, ZoneId zone) {
        long minutes = minutes(a.startedAt(), a.endedAt());
        String when = " for " + minutes + (minutes == 1 ? " minute" : " minutes") + " from "
                + CLOCK.format(a.startedAt().atZone(zone)) + " " + zone.getId() + " on "
                + DAY.format(a.startedAt().atZone(zone));
        return switch (a.kind()) {
            case Alert.SUSTAINED_STRESS ->
                String.format(
                        Locale.ENGLISH,
                        "Stress stayed high (%.2f on average, above %.2f, the level that is unusual for this child)%s.",
                        a.value(),
                        a.threshold(),
                        when);
            case Alert.DEVICE_ANOMALY ->
                String.format(
                        Locale.ENGLISH,
                        "The wearable's readings looked unusual (anomaly score up to %.2f, alert level %.2f)%s;"
                                + " check that it is worn snugly and charged.",
                        a.value(),
                        a.threshold(),
                        when);
            default -> throw new IllegalArgumentException("no description for the alert kind " + a.kind());
        };
    }
}

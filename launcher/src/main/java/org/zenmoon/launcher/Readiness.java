package org.zenmoon.launcher;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code /health/ready} report without a JSON library (the launcher has none): each check is a flat object,
 * but for its {@code data}, which holds strings and numbers only.
 */
final class Readiness {

    private static final Pattern CHECK = Pattern.compile("\\{(?:[^{}]|\\{[^{}]*\\})*\\}");
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");

    private Readiness() {}

    /**
     * Whether the report is down for the MQTT bridge alone, with ZenMoon's own database check up: a 503 the run
     * command need not wait out.
     */
    static boolean onlyMqttDown(int status, String body) {
        if (status != 503 || body == null) {
            return false;
        }
        int checks = body.indexOf("\"checks\"");
        if (checks < 0) {
            return false;
        }
        boolean databaseUp = false;
        boolean mqttDown = false;
        Matcher m = CHECK.matcher(body.substring(checks));
        while (m.find()) {
            String check = m.group();
            // The status outside the data object is the check's own.
            String own = check.replaceAll("\"data\"\\s*:\\s*\\{[^{}]*\\}", "");
            Matcher name = NAME.matcher(own);
            Matcher up = STATUS.matcher(own);
            if (!name.find() || !up.find()) {
                continue;
            }
            boolean isUp = up.group(1).equals("UP");
            switch (name.group(1)) {
                case "database" -> databaseUp = isUp;
                case "mqtt" -> mqttDown = !isUp;
                default -> {
                    if (!isUp) {
                        return false;
                    }
                }
            }
        }
        return databaseUp && mqttDown;
    }
}

package org.zenmoon.interfaces.rest;

import org.zenmoon.domain.model.epoch.EpochRecord;

/** A child's epochs as CSV (RFC 4180): a header line, then one line per minute, empty where a measure is missing. */
final class EpochCsv {

    static final String HEADER = "t,hr,rmssd,eda,activity,stress,sleep,quality,scr,wear,anomaly,deviceId\r\n";

    private EpochCsv() {}

    static String line(EpochRecord e) {
        return String.join(
                        ",",
                        e.t().toString(),
                        value(e.hr()),
                        value(e.rmssd()),
                        value(e.eda()),
                        value(e.activity()),
                        value(e.stress()),
                        field(e.sleep()),
                        value(e.quality()),
                        value(e.scr()),
                        e.wear() == null ? "" : e.wear().toString(),
                        value(e.anomaly()),
                        field(e.deviceId()))
                + "\r\n";
    }

    private static String value(Number n) {
        return n == null ? "" : n.toString();
    }

    /** Quoted when it holds a separator, a quote or a line break; a leading formula sign is defused. */
    static String field(String s) {
        if (s == null) {
            return "";
        }
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return v.matches("[^,\"\r\n]*") ? v : '"' + v.replace("\"", "\"\"") + '"';
    }
}

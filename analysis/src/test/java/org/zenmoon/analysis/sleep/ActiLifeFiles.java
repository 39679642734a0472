package org.zenmoon.analysis.sleep;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zenmoon.analysis.epoch.WearableEpoch;

/** Reads the small ActiLife copies in src/test/resources/sleep (plain CSV, no quoting). */
final class ActiLifeFiles {

    private ActiLifeFiles() {}

    static List<Map<String, String>> rows(String resource) {
        try (InputStream in = ActiLifeFiles.class.getResourceAsStream("/sleep/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /sleep/" + resource);
            }
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            String[] header = lines.get(0).split(",", -1);
            List<Map<String, String>> out = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] v = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], v[i]);
                }
                out.add(row);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<WearableEpoch> axis1(List<Map<String, String>> rows) {
        return rows.stream()
                .map(r -> WearableEpoch.ofCounts(Instant.parse(r.get("timestamp")), Double.parseDouble(r.get("axis1"))))
                .toList();
    }
}

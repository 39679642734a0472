package org.zenmoon.analysis.forecast;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.zenmoon.analysis.forecast.evaluation.M4Series;

/** Reads the three M4 Hourly series copied into the test resources (see forecast/README.md). */
final class M4Sample {

    private M4Sample() {}

    static Map<String, double[]> read(String resource) throws IOException {
        Map<String, double[]> out = new LinkedHashMap<>();
        try (Reader in = new InputStreamReader(
                M4Sample.class.getResourceAsStream("/forecast/" + resource), StandardCharsets.UTF_8)) {
            M4Series.read(in, resource).forEach(s -> out.put(s.id(), s.values()));
        }
        return out;
    }

    static Map<String, double[]> train() throws IOException {
        return read("m4-hourly-train-sample.csv");
    }

    static Map<String, double[]> test() throws IOException {
        return read("m4-hourly-test-sample.csv");
    }
}

package org.zenmoon.analysis.forecast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the three M4 Hourly series copied into the test resources (see forecast/README.md). */
final class M4Sample {

    private M4Sample() {}

    static Map<String, double[]> read(String resource) throws IOException {
        Map<String, double[]> out = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                M4Sample.class.getResourceAsStream("/forecast/" + resource), StandardCharsets.UTF_8))) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] cells = line.split(",");
                int n = cells.length;
                while (cells[n - 1].isBlank()) {
                    n--;
                }
                double[] v = new double[n - 1];
                for (int i = 1; i < n; i++) {
                    v[i - 1] = Double.parseDouble(cells[i].replace("\"", ""));
                }
                out.put(cells[0].replace("\"", ""), v);
            }
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

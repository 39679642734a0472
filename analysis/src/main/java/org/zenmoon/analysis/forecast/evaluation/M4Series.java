package org.zenmoon.analysis.forecast.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One row of an M4 wide file ({@code "V1","V2",...}): the series id and its values, trailing empty cells dropped. */
public record M4Series(String id, double[] values) {

    public M4Series {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("series " + id + ": value " + (i + 1) + " is not finite");
            }
        }
    }

    /** Reads an M4 wide file; a malformed row is an error naming its line and column. */
    public static List<M4Series> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        }
    }

    /** Reads M4 wide rows; {@code source} names the input in error messages. */
    public static List<M4Series> read(Reader reader, String source) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String header = in.readLine();
        if (header == null || !unquote(header.split(",", -1)[0]).equals("V1")) {
            throw new IllegalArgumentException(source + ": an M4 file starts with the header V1,V2,...");
        }
        List<M4Series> out = new ArrayList<>();
        String line;
        int number = 1;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            int last = cells.length - 1;
            while (last > 0 && unquote(cells[last]).isEmpty()) {
                last--;
            }
            String id = unquote(cells[0]);
            if (last < 1) {
                throw new IllegalArgumentException(source + " line " + number + ": series " + id + " has no values");
            }
            double[] v = new double[last];
            for (int c = 1; c <= last; c++) {
                String t = unquote(cells[c]);
                try {
                    v[c - 1] = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            source + " line " + number + " column V" + (c + 1) + ": '" + t + "' is not a number");
                }
                if (!Double.isFinite(v[c - 1])) {
                    throw new IllegalArgumentException(source + " line " + number + " column V" + (c + 1) + ": '" + t
                            + "' is not a finite number");
                }
            }
            out.add(new M4Series(id, v));
        }
        return out;
    }

    private static String unquote(String cell) {
        String t = cell.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")
                ? t.substring(1, t.length() - 1).trim()
                : t;
    }
}

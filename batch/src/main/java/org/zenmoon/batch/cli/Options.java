package org.zenmoon.batch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} options of a subcommand; flags without a value are given as {@code --name}. */
public final class Options {

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param withValue the options that take a value; every other {@code --x} must be in {@code flags}
     */
    public static Options parse(List<String> args, Set<String> withValue, Set<String> flags) throws InputException {
        Map<String, String> v = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new InputException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            if (withValue.contains(name)) {
                if (i + 1 >= args.size()) {
                    throw new InputException("option --" + name + " needs a value");
                }
                v.put(name, args.get(++i));
            } else if (flags.contains(name)) {
                v.put(name, "true");
            } else {
                throw new InputException("unknown option --" + name + " (known: "
                        + String.join(
                                ", ",
                                concat(withValue, flags).stream()
                                        .sorted()
                                        .map(s -> "--" + s)
                                        .toList()) + ")");
            }
        }
        return new Options(v);
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        return Arrays.asList(
                java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new));
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String require(String name) throws InputException {
        String v = values.get(name);
        if (v == null) {
            throw new InputException("option --" + name + " is required");
        }
        return v;
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    public int intValue(String name, int fallback) throws InputException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InputException("option --" + name + " must be a whole number, not '" + v + "'");
        }
    }

    public long longValue(String name, long fallback) throws InputException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new InputException("option --" + name + " must be a whole number, not '" + v + "'");
        }
    }

    /** An existing, readable file. */
    public Path file(String name) throws InputException {
        Path p = Path.of(require(name));
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new InputException(p + ":0: file not found or not readable (option --" + name + ")");
        }
        return p;
    }
}

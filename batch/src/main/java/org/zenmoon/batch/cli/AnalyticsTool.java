package org.zenmoon.batch.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code java -jar zenmoon-analytics.jar SUBCOMMAND [options]}: the offline analysis tool of ../shared/API.md.
 * Exit codes: 0 success; 2 unusable input, with one line on standard error naming the file, the line and
 * the column; 1 any other failure.
 */
public final class AnalyticsTool {

    private final Map<String, Command> commands = new TreeMap<>();

    public AnalyticsTool() {
        // Subcommands, one line each (keep sorted).
        register("causal", new CausalCommand());
        register("chronotype", new ChronotypeCommand());
        register("forecast", new ForecastCommand());
        register("sleep", new SleepCommand());
    }

    /** For tests and for subcommands added by analysis engines. */
    public AnalyticsTool register(String name, Command command) {
        commands.put(name, command);
        return this;
    }

    public static void main(String[] args) {
        System.exit(new AnalyticsTool().run(args, System.out, System.err));
    }

    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            out.println("usage: java -jar zenmoon-analytics.jar SUBCOMMAND [options]");
            commands.forEach(
                    (name, c) -> out.println("\n" + name + ":\n  " + c.usage().replace("\n", "\n  ")));
            return args.length == 0 ? 2 : 0;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            err.println("zenmoon-analytics: unknown subcommand '" + args[0] + "' (known: "
                    + String.join(", ", commands.keySet()) + ")");
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            int code = command.run(rest, out);
            out.flush();
            return code;
        } catch (InputException e) {
            err.println(e.getMessage());
            return 2;
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            err.println("zenmoon-analytics " + args[0] + ": failed: " + e);
            return 1;
        }
    }
}

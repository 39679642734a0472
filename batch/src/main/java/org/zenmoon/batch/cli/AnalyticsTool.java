package org.zenmoon.batch.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code java -jar zenmoon-analytics.jar SUBCOMMAND [options]}: the offline analysis tool of ../shared/API.md. Exit
 * codes: 0 success; 2 unusable input, with one line on standard error naming the file, the line and the column (or
 * the option, for a usage error); 1 any other failure.
 */
public final class AnalyticsTool {

    static final String NAME = "zenmoon-analytics";

    private static final String SUBCOMMAND_USAGES = "subcommandUsages";

    private final Map<String, Callable<Integer>> added = new LinkedHashMap<>();

    /** For tests and for subcommands added by analysis engines: a picocli {@code @Command} that is a Callable. */
    public AnalyticsTool register(String name, Callable<Integer> command) {
        added.put(name, command);
        return this;
    }

    public static void main(String[] args) {
        System.exit(new AnalyticsTool().run(args, System.out, System.err));
    }

    /** Runs one command line; output and errors are written in UTF-8. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cl = new CommandLine(new Tool());
        added.forEach(cl::addSubcommand);
        // The tool's usage (--help, help, or no subcommand at all) goes on with the usage of every subcommand.
        cl.getHelpSectionMap().put(SUBCOMMAND_USAGES, help -> subcommandUsages(cl));
        List<String> sections = new ArrayList<>(cl.getHelpSectionKeys());
        sections.add(SUBCOMMAND_USAGES);
        cl.setHelpSectionKeys(sections);
        cl.setOut(o)
                .setErr(e)
                .setUsageHelpWidth(110)
                .setExpandAtFiles(false) // "@name" is a value like any other
                .setOverwrittenOptionsAllowed(true) // the last of a repeated option wins
                .setParameterExceptionHandler((ex, a) -> {
                    ex.getCommandLine().getErr().println(usageError(ex, a));
                    return 2;
                })
                .setExecutionExceptionHandler((ex, command, parsed) -> {
                    if (ex instanceof InputException) {
                        command.getErr().println(ex.getMessage());
                        return 2;
                    }
                    command.getErr().println(NAME + " " + command.getCommandName() + ": failed: " + ex);
                    return 1;
                });
        try {
            return cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError x) { // picocli passes errors through
            e.println(NAME + ": failed: " + x);
            return 1;
        } finally {
            o.flush();
            e.flush();
        }
    }

    /** A subcommand's result as the tool prints it: pretty-printed JSON without surrounding white space. */
    static String prettyJson(JsonObject result) {
        StringWriter text = new StringWriter();
        try (JsonWriter w = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createWriter(text)) {
            w.writeObject(result);
        }
        return text.toString().strip();
    }

    /** The top level; its usage lists every subcommand with its options. */
    @Command(
            name = NAME,
            synopsisSubcommandLabel = "SUBCOMMAND",
            commandListHeading = "Subcommands:%n",
            description = "Runs ZenMoon's analyses on CSV files. Results go to standard output as JSON "
                    + "(or CSV with --out where a subcommand says so).",
            footerHeading = "%nExit codes:%n",
            footer = {
                "  0  success",
                "  2  unusable input: one line on standard error names the file, the line and the column",
                "  1  any other failure"
            },
            subcommands = {
                SleepCommand.class,
                ChronotypeCommand.class,
                CausalCommand.class,
                ForecastCommand.class,
                Help.class
            })
    static final class Tool implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                scope = ScopeType.INHERIT,
                description = "Shows how to use the tool or the subcommand.")
        boolean help;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getOut());
            spec.commandLine()
                    .getErr()
                    .println(NAME + ": a subcommand is needed (" + String.join(", ", subcommands(spec.commandLine()))
                            + ")");
            return 2;
        }
    }

    /** {@code help [SUBCOMMAND]}: every subcommand's usage, or one. */
    @Command(name = "help", description = "Shows the usage of every subcommand, or of the one named.")
    static final class Help implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "SUBCOMMAND")
        String subcommand;

        @Override
        public Integer call() {
            CommandLine top = spec.parent().commandLine();
            if (subcommand == null) {
                top.usage(spec.commandLine().getOut());
                return 0;
            }
            CommandLine one = top.getSubcommands().get(subcommand);
            if (one == null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "unknown subcommand '" + subcommand + "' (known: " + String.join(", ", subcommands(top)) + ")");
            }
            one.usage(spec.commandLine().getOut());
            return 0;
        }
    }

    private static List<String> subcommands(CommandLine top) {
        return new ArrayList<>(top.getSubcommands().keySet());
    }

    private static String subcommandUsages(CommandLine top) {
        StringBuilder usages = new StringBuilder();
        top.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                usages.append(System.lineSeparator()).append(sub.getUsageMessage());
            }
        });
        return usages.toString();
    }

    /**
     * One line for a command line that cannot be parsed. An unknown option is named even when required options are
     * missing too (picocli reports the missing ones first), because a misspelt option is the likelier cause.
     */
    static String usageError(ParameterException ex, String[] args) {
        CommandLine where = ex.getCommandLine();
        String unknown = firstUnknownOption(where, args);
        if (unknown != null) {
            return "unknown option " + unknown + " (known: " + String.join(", ", optionNames(where)) + ")";
        }
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            if (where.getParent() == null) {
                return NAME + ": unknown subcommand '" + first + "' (known: " + String.join(", ", subcommands(where))
                        + ")";
            }
            return "unexpected argument '" + first + "'";
        }
        if (ex instanceof MissingParameterException m) {
            List<String> names = m.getMissing().stream()
                    .filter(OptionSpec.class::isInstance)
                    .map(a -> ((OptionSpec) a).longestName())
                    .toList();
            String message = String.valueOf(ex.getMessage());
            if (!names.isEmpty()
                    && (message.startsWith("Missing required parameter for option")
                            || message.startsWith("Expected parameter for option"))) {
                return "option " + names.get(0) + " needs a value";
            }
            if (names.size() == 1) {
                return "option " + names.get(0) + " is required";
            }
            if (names.size() > 1) {
                return "options " + String.join(", ", names) + " are required";
            }
        }
        if (ex.getArgSpec() instanceof OptionSpec o && ex.getValue() != null) {
            Class<?> type = o.type();
            if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
                return "option " + o.longestName() + " must be a whole number, not '" + ex.getValue() + "'";
            }
            if (type == double.class || type == Double.class) {
                return "option " + o.longestName() + " must be a number, not '" + ex.getValue() + "'";
            }
        }
        return String.valueOf(ex.getMessage()).lines().findFirst().orElse("invalid command line");
    }

    /** The first argument after the subcommand's name that looks like an option the subcommand does not have. */
    private static String firstUnknownOption(CommandLine where, String[] args) {
        Map<String, OptionSpec> options = where.getCommandSpec().optionsMap();
        int i = 0;
        if (where.getParent() != null) {
            while (i < args.length && !args[i].equals(where.getCommandName())) {
                i++;
            }
            i++;
        }
        for (; i < args.length; i++) {
            String a = args[i];
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            OptionSpec o = options.get(name);
            if (o != null) {
                if (!a.contains("=") && o.arity().max() > 0) {
                    i++; // its value, whatever it looks like
                }
            } else if (a.startsWith("-") && a.length() > 1 && !isNumber(a)) {
                return name;
            } else if (where.getParent() == null) {
                return null; // the tool's own options come before the subcommand
            }
        }
        return null;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> optionNames(CommandLine where) {
        return where.getCommandSpec().options().stream()
                .map(OptionSpec::longestName)
                .sorted()
                .toList();
    }
}

package org.zenmoon.batch.cli;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of the offline analysis tool. */
public interface Command {

    /** Usage, one or more lines, shown by {@code help} and after a usage error. */
    String usage();

    /**
     * Runs with the arguments after the subcommand name. Results go to {@code out} (JSON by default,
     * CSV files where the command documents it). Unusable input is reported by throwing {@link InputException}.
     *
     * @return the exit code, normally 0
     */
    int run(List<String> args, PrintStream out) throws InputException, Exception;
}

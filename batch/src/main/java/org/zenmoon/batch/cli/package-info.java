/**
 * The offline analysis tool: the same engines as the batch jobs, on CSV files (../shared/API.md). picocli parses
 * the command line and Apache Commons CSV reads and writes the files; every unusable input ends in one line on
 * standard error that names the file, the line and the column, and exit code 2.
 */
package org.zenmoon.batch.cli;

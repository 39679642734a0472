package org.zenmoon.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.LogManager;

/**
 * The launcher's one log backend is java.util.logging: the libraries that log through SLF4J (embedded
 * PostgreSQL) reach it through slf4j-jdk14, Flyway finds it on its own. The defaults are quiet (warnings and
 * errors only, one line each); the launcher tells the user what happens with its own "[zenmoon]" lines. An admin
 * who wants more sets {@code -Djava.util.logging.config.file}.
 */
final class Logging {

    private Logging() {}

    static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream in = Logging.class.getResourceAsStream("/zenmoon-launcher-logging.properties")) {
            LogManager.getLogManager().readConfiguration(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

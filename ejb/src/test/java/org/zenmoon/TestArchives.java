package org.zenmoon;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the in-container tests' archives need besides ZenMoon's classes: the libraries the ejb module ships with
 * (ONNX Runtime, Commons Math, the ONNX protobufs, the Weaviate client, the PostgreSQL driver, ...), as Maven lists
 * them for this build ({@code target/runtime-classpath.txt}, written before the integration tests). Without them
 * the beans that use them cannot load, and the deployment fails.
 */
public final class TestArchives {

    private TestArchives() {}

    public static File[] runtimeLibraries() {
        String list = System.getProperty("zenmoon.runtimeClasspath");
        if (list == null) {
            throw new IllegalStateException("zenmoon.runtimeClasspath is not set: run the in-container tests through"
                    + " Maven (failsafe sets it)");
        }
        try {
            String classpath = Files.readString(Path.of(list)).trim();
            return Arrays.stream(classpath.split(File.pathSeparator))
                    .filter(p -> p.endsWith(".jar"))
                    .map(File::new)
                    .toArray(File[]::new);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + list, e);
        }
    }
}

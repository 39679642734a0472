package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * What IT admins deploy holds the application and nothing of the demo: the demo data generator and its
 * accounts live in the run command only.
 */
class PackagingIT {

    static final Path WAR = Path.of(System.getProperty("zenmoon.war", "../web/target/zenmoon.war"));
    static final Path EAR = Path.of(System.getProperty("zenmoon.ear", "target/zenmoon.ear"));

    @Test
    void warAndEarCarryNoDemoCode() throws IOException {
        for (Path archive : List.of(WAR, EAR)) {
            List<String> entries = entries(archive);
            assertThat(entries)
                    .as("entries of %s, nested archives included", archive)
                    .anyMatch(e -> e.endsWith("org/zenmoon/application/ChildDirectory.class"))
                    .anyMatch(e -> e.endsWith("org/zenmoon/analysis/causal/CausalEngine.class"))
                    .noneMatch(e -> e.contains("org/zenmoon/demo/"));
        }
    }

    /** Every entry, with the entries of nested jars and wars as {@code outer!inner}. */
    static List<String> entries(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            List<String> out = new ArrayList<>();
            collect(new ZipInputStream(in), archive.getFileName().toString(), out);
            return out;
        }
    }

    private static void collect(ZipInputStream zip, String prefix, List<String> out) throws IOException {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            String name = prefix + "!" + e.getName();
            out.add(name);
            if (e.getName().endsWith(".jar") || e.getName().endsWith(".war")) {
                // Not closed: closing would close the outer stream too.
                collect(new ZipInputStream(zip), name, out);
            }
        }
    }
}

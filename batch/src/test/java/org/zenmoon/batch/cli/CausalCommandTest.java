package org.zenmoon.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CausalCommandTest {

    @TempDir
    Path dir;

    /** {@code causal} on a file with its treatment, outcome and confounder columns, and any further options. */
    ToolRun causal(Path data, String treatment, String outcome, String confounders, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "causal",
                "--data",
                data.toString(),
                "--treatment",
                treatment,
                "--outcome",
                outcome,
                "--confounders",
                confounders));
        args.addAll(List.of(options));
        return ToolRun.of(args.toArray(String[]::new));
    }

    /** {@code causal} on {@link #sessions}: the effect of a session on stress. */
    ToolRun onSessions(double effect, String confounders, String... options) throws Exception {
        return causal(sessions(effect), "session", "stress", confounders, options);
    }

    /** Sessions are likelier on school-event days, which are more stressful; a session lowers stress by 1. */
    Path sessions(double effect) throws Exception {
        Random rng = new Random(3);
        List<String> lines = new ArrayList<>(List.of("day,session,stress,event,sleep"));
        for (int i = 0; i < 400; i++) {
            int event = rng.nextDouble() < 0.3 ? 1 : 0;
            double sleep = 9 + rng.nextGaussian() * 0.7;
            int session = rng.nextDouble() < (event == 1 ? 0.6 : 0.2) ? 1 : 0;
            double stress = 5 + 2 * event - 0.5 * (sleep - 9) + effect * session + rng.nextGaussian();
            lines.add(i + "," + session + "," + stress + "," + event + "," + sleep);
        }
        return write("sessions.csv", lines);
    }

    Path write(String name, List<String> lines) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, lines);
        return p;
    }

    @Test
    void reportsTheEffectWithItsIntervalRefutationsAndVerdict() throws Exception {
        ToolRun r = onSessions(-1, "event,sleep", "--bootstrap", "200", "--seed", "7");
        assertThat(r.code()).isZero();
        JsonObject j = r.json();
        assertThat(j.getString("method")).isEqualTo("aipw");
        assertThat(j.getString("estimand")).isEqualTo("ate");
        assertThat(j.getJsonNumber("ate").doubleValue()).isBetween(-1.4, -0.6);
        assertThat(j.getJsonNumber("ciLow").doubleValue())
                .isLessThan(j.getJsonNumber("ciHigh").doubleValue());
        assertThat(j.getInt("n")).isEqualTo(400);
        assertThat(j.getJsonArray("refutations"))
                .extracting(v -> v.asJsonObject().getString("name"))
                .containsExactly("placebo_treatment", "random_common_cause", "data_subset");
        assertThat(j.getString("verdict")).isEqualTo("helps");
        assertThat(j.getJsonObject("diagnostics").getJsonArray("balance")).hasSize(2);
    }

    @Test
    void everyIntervalSaysHowItWasMade() throws Exception {
        JsonObject matching = onSessions(-1, "event,sleep", "--method", "matching", "--bootstrap", "50")
                .json();
        assertThat(matching.getJsonObject("bootstrap").getString("interval")).isEqualTo("abadie_imbens");

        JsonObject all = onSessions(-1, "event,sleep", "--method", "all", "--bootstrap", "50")
                .json();
        assertThat(all.getJsonArray("estimators").getValuesAs(JsonObject.class))
                .allSatisfy(e -> assertThat(e.getString("interval"))
                        .isEqualTo(e.getString("method").equals("matching") ? "abadie_imbens" : "percentile"));
    }

    @Test
    void noEffectSaysNoEvidence() throws Exception {
        ToolRun r = onSessions(0, "event,sleep", "--bootstrap", "200");
        assertThat(r.json().getString("verdict")).isEqualTo("no_evidence");
    }

    @Test
    void theSameSeedPrintsTheSameAnswer() throws Exception {
        String[] options = {"--bootstrap", "100", "--seed", "11", "--method", "all", "--estimand", "att"};
        ToolRun a = onSessions(-1, "event,sleep", options);
        assertThat(onSessions(-1, "event,sleep", options).out()).isEqualTo(a.out());
        assertThat(a.json().getString("estimand")).isEqualTo("att");
        assertThat(a.json().getJsonArray("estimators")).hasSize(6);
    }

    @Test
    void headerlessFilesUseColumnNumbersAndRanges() throws Exception {
        List<String> lines = new ArrayList<>();
        Random rng = new Random(5);
        for (int i = 0; i < 200; i++) {
            double x = rng.nextGaussian();
            int t = rng.nextDouble() < 0.5 ? 1 : 0;
            lines.add(t + "," + (x + 2 * t + rng.nextGaussian()) + "," + x + "," + rng.nextGaussian());
        }
        ToolRun r = causal(
                write("ihdp_like.csv", lines),
                "1",
                "2",
                "3-4",
                "--no-header",
                "--bootstrap",
                "100",
                "--direction",
                "higher");
        assertThat(r.code()).isZero();
        assertThat(r.json().getJsonNumber("ate").doubleValue()).isBetween(1.6, 2.4);
        assertThat(r.json().getString("verdict")).isEqualTo("helps");
    }

    @Test
    void aMissingColumnNamesTheFileAndTheHeaderLine() throws Exception {
        Path f = sessions(-1);
        assertThat(causal(f, "session", "stres", "event").errorLine(2))
                .startsWith(f + ":1:stres:")
                .contains("missing");
    }

    static Stream<Arguments> unusableFiles() {
        return Stream.of(
                Arguments.of(
                        "a treatment other than 0 or 1 names the line and column",
                        List.of("t,y,x", "1,2,3", "0,1,2", "2,1,1"),
                        ":4:t: the treatment must be 0 or 1, not '2'"),
                Arguments.of(
                        "an empty arm is unusable input",
                        List.of("t,y,x", "0,2,3", "0,1,2", "0,1,1"),
                        ":0:t: no rows with t = 1 (the treated arm is empty)"),
                Arguments.of(
                        "a non-numeric value names its cell",
                        List.of("t,y,x", "1,2,3", "0,1,n/a", "1,1,1"),
                        ":3:x: 'n/a' is not a number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableFiles")
    void unusableValuesAreOneLineNamingTheFileLineAndColumn(String what, List<String> lines, String where)
            throws Exception {
        Path f = write("data.csv", lines);
        assertThat(causal(f, "t", "y", "x").errorLine(2)).isEqualTo(f + where);
    }

    @Test
    void anUnknownMethodIsAUsageError() throws Exception {
        assertThat(onSessions(0, "event", "--method", "magic").errorLine(2)).contains("--method");
    }
}

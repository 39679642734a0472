package org.zenmoon.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CausalCommandTest {

    @TempDir
    Path dir;

    ToolRun run(String... args) {
        return ToolRun.of(args);
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
        ToolRun r = run(
                "causal",
                "--data",
                sessions(-1).toString(),
                "--treatment",
                "session",
                "--outcome",
                "stress",
                "--confounders",
                "event,sleep",
                "--bootstrap",
                "200",
                "--seed",
                "7");
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
    void noEffectSaysNoEvidence() throws Exception {
        ToolRun r = run(
                "causal",
                "--data",
                sessions(0).toString(),
                "--treatment",
                "session",
                "--outcome",
                "stress",
                "--confounders",
                "event,sleep",
                "--bootstrap",
                "200");
        assertThat(r.json().getString("verdict")).isEqualTo("no_evidence");
    }

    @Test
    void theSameSeedPrintsTheSameAnswer() throws Exception {
        String[] args = {
            "causal",
            "--data",
            sessions(-1).toString(),
            "--treatment",
            "session",
            "--outcome",
            "stress",
            "--confounders",
            "event,sleep",
            "--bootstrap",
            "100",
            "--seed",
            "11",
            "--method",
            "all",
            "--estimand",
            "att"
        };
        ToolRun a = run(args);
        assertThat(run(args).out()).isEqualTo(a.out());
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
        ToolRun r = run(
                "causal",
                "--data",
                write("ihdp_like.csv", lines).toString(),
                "--no-header",
                "--treatment",
                "1",
                "--outcome",
                "2",
                "--confounders",
                "3-4",
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
        ToolRun r = run(
                "causal",
                "--data",
                f.toString(),
                "--treatment",
                "session",
                "--outcome",
                "stres",
                "--confounders",
                "event");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith(f + ":1:stres:").contains("missing");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void aTreatmentOtherThanZeroOrOneNamesTheLineAndColumn() throws Exception {
        Path f = write("bad.csv", List.of("t,y,x", "1,2,3", "0,1,2", "2,1,1"));
        ToolRun r = run("causal", "--data", f.toString(), "--treatment", "t", "--outcome", "y", "--confounders", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().trim()).isEqualTo(f + ":4:t: the treatment must be 0 or 1, not '2'");
    }

    @Test
    void anEmptyArmIsUnusableInput() throws Exception {
        Path f = write("untreated.csv", List.of("t,y,x", "0,2,3", "0,1,2", "0,1,1"));
        ToolRun r = run("causal", "--data", f.toString(), "--treatment", "t", "--outcome", "y", "--confounders", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith(f + ":0:t:").contains("treated arm is empty");
    }

    @Test
    void aNonNumericValueNamesItsCell() throws Exception {
        Path f = write("text.csv", List.of("t,y,x", "1,2,3", "0,1,n/a", "1,1,1"));
        ToolRun r = run("causal", "--data", f.toString(), "--treatment", "t", "--outcome", "y", "--confounders", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().trim()).isEqualTo(f + ":3:x: 'n/a' is not a number");
    }

    @Test
    void anUnknownMethodIsAUsageError() throws Exception {
        ToolRun r = run(
                "causal",
                "--data",
                sessions(0).toString(),
                "--treatment",
                "session",
                "--outcome",
                "stress",
                "--confounders",
                "event",
                "--method",
                "magic");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--method");
    }
}

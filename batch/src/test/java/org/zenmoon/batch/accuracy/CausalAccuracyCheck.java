package org.zenmoon.batch.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.causal.CausalData;
import org.zenmoon.analysis.causal.CausalEngine;
import org.zenmoon.analysis.causal.CausalEstimate;
import org.zenmoon.analysis.causal.CausalSettings;
import org.zenmoon.analysis.causal.Estimand;
import org.zenmoon.analysis.causal.EstimatorResult;
import org.zenmoon.analysis.causal.Method;
import org.zenmoon.analysis.causal.Refutation;
import org.zenmoon.batch.cli.CsvTable;

/**
 * The causal engine against the published figures in ../shared/data (issue #4): LaLonde's NSW experiment,
 * the NSW treated against the PSID-1 and CPS-1 controls, and IHDP realisations 1 and 3. Prints every figure
 * it checks, for docs/analyses/causal.md. Run from batch/ with -Dzenmoon.shared.data=... if elsewhere.
 */
class CausalAccuracyCheck {

    static final double EXPERIMENTAL = 1794.34;

    static Path data(String first, String... more) {
        return Path.of(System.getProperty("zenmoon.shared.data", "../../shared/data"), first)
                .resolve(String.join("/", more));
    }

    /** One LaLonde row: the confounders the issue names, whatever the file calls them. */
    record Person(
            boolean treated,
            double age,
            double educ,
            double black,
            double hisp,
            double married,
            double nodegree,
            double re74,
            double re75,
            double re78) {}

    static List<Person> lalonde(Path file, boolean treatedOnly) throws Exception {
        CsvTable csv = CsvTable.read(file);
        int treat = csv.column("treat");
        int age = csv.column("age");
        int educ = csv.column(csv.hasColumn("educ") ? "educ" : "education");
        int black = csv.column("black");
        int hisp = csv.column(csv.hasColumn("hisp") ? "hisp" : "hispanic");
        int married = csv.column(csv.hasColumn("marr") ? "marr" : "married");
        int nodegree = csv.column("nodegree");
        int re74 = csv.column("re74");
        int re75 = csv.column("re75");
        int re78 = csv.column("re78");
        List<Person> out = new ArrayList<>();
        for (CsvTable.Row r : csv.rows()) {
            boolean t = csv.number(r, treat) == 1;
            if (treatedOnly && !t) {
                continue;
            }
            out.add(new Person(
                    t,
                    csv.number(r, age),
                    csv.number(r, educ),
                    csv.number(r, black),
                    csv.number(r, hisp),
                    csv.number(r, married),
                    csv.number(r, nodegree),
                    csv.number(r, re74),
                    csv.number(r, re75),
                    csv.number(r, re78)));
        }
        return out;
    }

    /** The propensity/outcome specifications compared in the docs. */
    enum Spec {
        /** The ten confounders the issue lists, linear. */
        LINEAR,
        /** Dehejia and Wahba (1999, 2002): age², age³, educ², re74², re75², educ·re74 added. */
        DEHEJIA_WAHBA,
        /** The linear terms plus the square of every continuous one. */
        SQUARES
    }

    static CausalData lalondeData(List<Person> people, Spec spec) {
        List<String> names = new ArrayList<>(
                List.of("age", "educ", "black", "hisp", "married", "nodegree", "re74", "re75", "u74", "u75"));
        if (spec == Spec.DEHEJIA_WAHBA) {
            names.addAll(List.of("age2", "age3", "educ2", "re74sq", "re75sq", "educ_re74"));
        }
        int n = people.size();
        boolean[] t = new boolean[n];
        double[] y = new double[n];
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            Person p = people.get(i);
            t[i] = p.treated();
            y[i] = p.re78();
            double[] base = {
                p.age(),
                p.educ(),
                p.black(),
                p.hisp(),
                p.married(),
                p.nodegree(),
                p.re74(),
                p.re75(),
                p.re74() == 0 ? 1 : 0,
                p.re75() == 0 ? 1 : 0
            };
            if (spec == Spec.DEHEJIA_WAHBA) {
                double[] ext = java.util.Arrays.copyOf(base, names.size());
                ext[10] = p.age() * p.age();
                ext[11] = p.age() * p.age() * p.age();
                ext[12] = p.educ() * p.educ();
                ext[13] = p.re74() * p.re74();
                ext[14] = p.re75() * p.re75();
                ext[15] = p.educ() * p.re74();
                base = ext;
            }
            x[i] = base;
        }
        CausalData d = new CausalData(t, y, x, names);
        return spec == Spec.SQUARES ? d.withSquaredTerms() : d;
    }

    static List<Person> observational(String controls) throws Exception {
        List<Person> people = new ArrayList<>(lalonde(data("lalonde", "nsw_dw.csv"), true));
        people.addAll(lalonde(data("lalonde", controls), false));
        return people;
    }

    static final CausalSettings ATT = CausalSettings.defaults().withEstimand(Estimand.ATT);

    @Test
    void experimentalDifferenceInMeans() throws Exception {
        CausalData d = lalondeData(lalonde(data("lalonde", "nsw_dw.csv"), false), Spec.LINEAR);
        CausalEstimate e = CausalEngine.estimateAll(d, CausalSettings.defaults());
        print("nsw_dw experimental (ATE)", e);
        assertThat(e.estimator(Method.DIFFERENCE_IN_MEANS).estimate()).isCloseTo(EXPERIMENTAL, within(0.01));
        assertThat(e.estimator(Method.DIFFERENCE_IN_MEANS).standardError()).isCloseTo(671, within(60.0));
    }

    @Test
    void psidControls() throws Exception {
        observationalCheck("psid_controls.csv", -15204.8);
    }

    @Test
    void cpsControls() throws Exception {
        observationalCheck("cps_controls.csv", -8497.5);
    }

    private void observationalCheck(String controls, double naive) throws Exception {
        List<Person> people = observational(controls);
        for (Spec spec : Spec.values()) {
            for (boolean trim : new boolean[] {true, false}) {
                Map<Method, Double> pe = CausalEngine.pointEstimates(lalondeData(people, spec), ATT.withTrim(trim));
                System.out.printf(Locale.ROOT, "%s %-14s trim=%-5s %s%n", controls, spec, trim, format(pe));
            }
        }
        CausalEstimate e = CausalEngine.estimateAll(lalondeData(people, Spec.DEHEJIA_WAHBA), ATT);
        print(controls + " ATT, Dehejia-Wahba specification", e);
        double untrimmedNaive = CausalEngine.pointEstimates(lalondeData(people, Spec.LINEAR), ATT.withTrim(false))
                .get(Method.DIFFERENCE_IN_MEANS);
        assertThat(untrimmedNaive).isCloseTo(naive, within(1.0));
        assertThat(e.method()).isEqualTo(Method.AIPW);
        assertThat(e.estimate()).isCloseTo(EXPERIMENTAL, within(1000.0));
        assertThat(e.ciCovers(EXPERIMENTAL))
                .as("95%% CI %.0f..%.0f covers %.0f", e.ciLow(), e.ciHigh(), EXPERIMENTAL)
                .isTrue();
        Refutation placebo = e.refutations().stream()
                .filter(r -> r.name().equals("placebo_treatment"))
                .findFirst()
                .orElseThrow();
        assertThat(placebo.ciLow()).isLessThanOrEqualTo(0);
        assertThat(placebo.ciHigh()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void ihdpRealisation1() throws Exception {
        ihdpCheck("ihdp_npci_1.csv");
    }

    @Test
    void ihdpRealisation3() throws Exception {
        ihdpCheck("ihdp_npci_3.csv");
    }

    static CausalData ihdp(Path file, double[] truth) throws Exception {
        CsvTable csv = CsvTable.read(file, false);
        int n = csv.rows().size();
        boolean[] t = new boolean[n];
        double[] y = new double[n];
        double[][] x = new double[n][25];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            CsvTable.Row r = csv.rows().get(i);
            t[i] = csv.number(r, 0) == 1;
            y[i] = csv.number(r, 1);
            sum += csv.number(r, 4) - csv.number(r, 3);
            for (int j = 0; j < 25; j++) {
                x[i][j] = csv.number(r, 5 + j);
            }
        }
        truth[0] = sum / n;
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= 25; j++) {
            names.add("x" + j);
        }
        return new CausalData(t, y, x, names);
    }

    private void ihdpCheck(String file) throws Exception {
        double[] truth = new double[1];
        CausalData d = ihdp(data("ihdp", file), truth);
        CausalEstimate e = CausalEngine.estimateAll(d, CausalSettings.defaults());
        print(file + " ATE (truth " + String.format(Locale.ROOT, "%.4f", truth[0]) + ")", e);
        assertThat(e.estimate()).isCloseTo(truth[0], within(0.15));
        assertThat(e.ciCovers(truth[0]))
                .as("95%% CI %.3f..%.3f covers %.4f", e.ciLow(), e.ciHigh(), truth[0])
                .isTrue();
    }

    static String format(Map<Method, Double> pe) {
        StringBuilder b = new StringBuilder();
        pe.forEach((m, v) -> b.append(String.format(Locale.ROOT, "%s=%.1f  ", m.label(), v)));
        return b.toString();
    }

    static void print(String title, CausalEstimate e) {
        System.out.println("== " + title + ": n=" + e.n() + " treated=" + e.nTreated() + " verdict=" + e.verdict()
                + " eValue=" + String.format(Locale.ROOT, "%.2f", e.eValue()));
        for (EstimatorResult r : e.estimators()) {
            System.out.printf(
                    Locale.ROOT,
                    "   %-15s %10.3f  95%% CI [%10.3f, %10.3f]  se %.3f%n",
                    r.method().label(),
                    r.estimate(),
                    r.ciLow(),
                    r.ciHigh(),
                    r.standardError());
        }
        for (Refutation r : e.refutations()) {
            System.out.println("   refuter " + r.name() + " passed=" + r.passed() + ": " + r.detail());
        }
        var o = e.diagnostics().overlap();
        System.out.printf(
                Locale.ROOT,
                "   overlap treated [%.4f, %.4f] control [%.6f, %.4f] outside=%d clipped=%d trimmed=%d "
                        + "ess t=%.1f c=%.1f; max|SMD| before %.3f after %.3f; propensity %s%n",
                o.treatedMin(),
                o.treatedMax(),
                o.controlMin(),
                o.controlMax(),
                o.outsideCommonSupport(),
                o.clipped(),
                o.trimmed(),
                o.effectiveTreated(),
                o.effectiveControl(),
                e.diagnostics().maxAbsSmdBefore(),
                e.diagnostics().maxAbsSmdAfter(),
                e.diagnostics().propensity().message());
        e.warnings().forEach(w -> System.out.println("   warning: " + w));
    }
}

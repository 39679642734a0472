package org.zenmoon.analysis.causal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The input of an analysis: per unit (a child, or a child-day) whether it was treated, its outcome and its
 * confounders. {@code clusters} (nullable) groups rows that are not independent (the days of one child,
 * the weeks of one diary); the bootstrap and the subset refuter then resample whole clusters.
 * {@code fixedEffects} (nullable, ids {@code >= 0}) gives each row a fixed-effect group (a child in the pooled
 * cohort design): every model then has one intercept per group instead of a common one, absorbed in the fits
 * rather than built as indicator columns (see {@link Design}); the smallest id is the reference group.
 * Arrays are copied in and out, so an instance never changes.
 */
public record CausalData(
        boolean[] treated,
        double[] outcome,
        double[][] covariates,
        List<String> covariateNames,
        int[] clusters,
        int[] fixedEffects) {

    public CausalData {
        int n = treated.length;
        if (outcome.length != n
                || covariates.length != n
                || (clusters != null && clusters.length != n)
                || (fixedEffects != null && fixedEffects.length != n)) {
            throw new IllegalArgumentException(
                    "treated, outcome, covariates, clusters and fixed effects need one entry per row");
        }
        if (fixedEffects != null) {
            for (int g : fixedEffects) {
                if (g < 0) {
                    throw new IllegalArgumentException("a fixed-effect group id is negative: " + g);
                }
            }
        }
        covariateNames = List.copyOf(covariateNames);
        int p = covariateNames.size();
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            if (covariates[i].length != p) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + covariates[i].length + " covariates, " + p + " names were given");
            }
            if (!Double.isFinite(outcome[i])) {
                throw new IllegalArgumentException("row " + i + ": the outcome is not a finite number");
            }
            for (double v : covariates[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("row " + i + ": a covariate is not a finite number");
                }
            }
            copy[i] = covariates[i].clone();
        }
        treated = treated.clone();
        outcome = outcome.clone();
        covariates = copy;
        clusters = clusters == null ? null : clusters.clone();
        fixedEffects = fixedEffects == null ? null : fixedEffects.clone();
    }

    public CausalData(
            boolean[] treated, double[] outcome, double[][] covariates, List<String> covariateNames, int[] clusters) {
        this(treated, outcome, covariates, covariateNames, clusters, null);
    }

    public CausalData(boolean[] treated, double[] outcome, double[][] covariates, List<String> covariateNames) {
        this(treated, outcome, covariates, covariateNames, null, null);
    }

    public int size() {
        return treated.length;
    }

    public int treatedCount() {
        int c = 0;
        for (boolean t : treated) {
            c += t ? 1 : 0;
        }
        return c;
    }

    @Override
    public boolean[] treated() {
        return treated.clone();
    }

    @Override
    public double[] outcome() {
        return outcome.clone();
    }

    @Override
    public double[][] covariates() {
        double[][] c = new double[covariates.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariates[i].clone();
        }
        return c;
    }

    @Override
    public int[] clusters() {
        return clusters == null ? null : clusters.clone();
    }

    @Override
    public int[] fixedEffects() {
        return fixedEffects == null ? null : fixedEffects.clone();
    }

    /** Package-private views without copying, for the estimators. */
    double covariateAt(int i, int j) {
        return covariates[i][j];
    }

    int[] clustersView() {
        return clusters;
    }

    int[] fixedEffectsView() {
        return fixedEffects;
    }

    /**
     * The same data with the square of every non-binary covariate added (for example age², re74²), the usual
     * way to let a logistic propensity model and a linear outcome model bend.
     */
    public CausalData withSquaredTerms() {
        List<Integer> cont = new ArrayList<>();
        for (int j = 0; j < covariateNames.size(); j++) {
            if (!isBinary(j)) {
                cont.add(j);
            }
        }
        List<String> names = new ArrayList<>(covariateNames);
        cont.forEach(j -> names.add(covariateNames.get(j) + "^2"));
        double[][] x = new double[size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = Arrays.copyOf(covariates[i], names.size());
            for (int k = 0; k < cont.size(); k++) {
                double v = covariates[i][cont.get(k)];
                x[i][covariateNames.size() + k] = v * v;
            }
        }
        return new CausalData(treated, outcome, x, names, clusters, fixedEffects);
    }

    /** The same data with one more covariate column. */
    public CausalData withCovariate(String name, double[] values) {
        List<String> names = new ArrayList<>(covariateNames);
        names.add(name);
        double[][] x = new double[size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = Arrays.copyOf(covariates[i], names.size());
            x[i][names.size() - 1] = values[i];
        }
        return new CausalData(treated, outcome, x, names, clusters, fixedEffects);
    }

    /** The same rows with another treatment vector (the placebo refuter permutes it). */
    public CausalData withTreatment(boolean[] newTreated) {
        return new CausalData(newTreated, outcome, covariates, covariateNames, clusters, fixedEffects);
    }

    /** The rows at the given positions, in that order. */
    public CausalData rows(int[] index) {
        boolean[] t = new boolean[index.length];
        double[] y = new double[index.length];
        double[][] x = new double[index.length][];
        int[] c = clusters == null ? null : new int[index.length];
        int[] g = fixedEffects == null ? null : new int[index.length];
        for (int k = 0; k < index.length; k++) {
            t[k] = treated[index[k]];
            y[k] = outcome[index[k]];
            x[k] = covariates[index[k]];
            if (c != null) {
                c[k] = clusters[index[k]];
            }
            if (g != null) {
                g[k] = fixedEffects[index[k]];
            }
        }
        return new CausalData(t, y, x, covariateNames, c, g);
    }

    boolean isBinary(int j) {
        for (double[] row : covariates) {
            if (row[j] != 0.0 && row[j] != 1.0) {
                return false;
            }
        }
        return true;
    }
}

package org.zenmoon.analysis.recommend;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealVector;

/**
 * L2-regularised logistic regression by Newton's method (iteratively reweighted least squares) on the logged
 * decisions: the features of the chosen intervention in its logged context, and the reward as a soft label. The
 * objective is convex, so the answer does not depend on the order of the logs: the same logs give the same model.
 * A Newton step that would not lower the objective is halved until it does.
 *
 * <p>The bias is not penalised; every weight is. The penalty also makes the one-hot blocks (which add up to the
 * bias) identifiable. A decision whose chosen intervention is not in the encoder's catalogue is left out: its
 * features cannot be named.
 */
public final class LogisticTrainer {

    private static final int MAX_ITERATIONS = 50;
    private static final double TOLERANCE = 1e-8;

    private final double l2;

    /** @param l2 the penalty λ in ½λ‖w‖², for the whole data set (not per row); must be positive */
    public LogisticTrainer(double l2) {
        if (!(l2 > 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("l2 must be positive and finite: " + l2);
        }
        this.l2 = l2;
    }

    /** One row, sparse: the indices of its non-zero features (the bias last) and their values. */
    private record Row(int[] index, double[] value, double label) {}

    public LinearModel fit(List<LoggedDecision> logs, FeatureEncoder enc, String catalogueVersion) {
        int dim = enc.dimension();
        List<Row> rows = new ArrayList<>();
        for (LoggedDecision d : logs) {
            var chosen = enc.catalogue().byId(d.chosenId());
            if (chosen.isPresent()) {
                rows.add(sparse(enc.encode(d.context(), chosen.get()), d.reward()));
            }
        }
        if (rows.isEmpty()) {
            return new LinearModel(FeatureEncoder.VERSION, catalogueVersion, new float[dim], 0f);
        }
        int p = dim + 1; // the last coefficient is the bias
        double[] beta = new double[p];
        double objective = objective(rows, beta, dim);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[][] hessian = new double[p][p];
            double[] gradient = new double[p];
            for (Row r : rows) {
                double mu = LinearModel.sigmoid(eta(r, beta));
                double w = Math.max(mu * (1 - mu), 1e-12);
                double residual = mu - r.label;
                for (int a = 0; a < r.index.length; a++) {
                    int j = r.index[a];
                    gradient[j] += residual * r.value[a];
                    double wxj = w * r.value[a];
                    for (int b = 0; b <= a; b++) {
                        hessian[j][r.index[b]] += wxj * r.value[b];
                    }
                }
            }
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < j; k++) {
                    // Rows list their indices in increasing order, so each pair landed below the diagonal.
                    hessian[k][j] = hessian[j][k];
                }
                if (j < dim) {
                    gradient[j] += l2 * beta[j];
                    hessian[j][j] += l2;
                } else {
                    hessian[j][j] += 1e-9; // keeps the bias row positive definite when every label is equal
                }
            }
            RealVector step;
            try {
                step = new CholeskyDecomposition(new Array2DRowRealMatrix(hessian, false), 1e-12, 1e-14)
                        .getSolver()
                        .solve(new ArrayRealVector(gradient, false));
            } catch (NonPositiveDefiniteMatrixException e) {
                throw new IllegalStateException("the penalised Hessian is not positive definite", e);
            }
            double scale = 1;
            double[] next = new double[p];
            double nextObjective = Double.POSITIVE_INFINITY;
            for (int halving = 0; halving < 30; halving++) {
                for (int j = 0; j < p; j++) {
                    next[j] = beta[j] - scale * step.getEntry(j);
                }
                nextObjective = objective(rows, next, dim);
                if (nextObjective <= objective + 1e-12) {
                    break;
                }
                scale /= 2;
            }
            double largest = 0;
            for (int j = 0; j < p; j++) {
                largest = Math.max(largest, Math.abs(next[j] - beta[j]));
            }
            System.arraycopy(next, 0, beta, 0, p);
            objective = nextObjective;
            if (largest < TOLERANCE) {
                break;
            }
        }
        float[] weights = new float[dim];
        for (int j = 0; j < dim; j++) {
            weights[j] = (float) beta[j];
        }
        return new LinearModel(FeatureEncoder.VERSION, catalogueVersion, weights, (float) beta[dim]);
    }

    private static Row sparse(float[] x, double label) {
        int nonZero = 1;
        for (float v : x) {
            nonZero += v != 0 ? 1 : 0;
        }
        int[] index = new int[nonZero];
        double[] value = new double[nonZero];
        int k = 0;
        for (int j = 0; j < x.length; j++) {
            if (x[j] != 0) {
                index[k] = j;
                value[k++] = x[j];
            }
        }
        index[k] = x.length;
        value[k] = 1;
        return new Row(index, value, label);
    }

    private static double eta(Row r, double[] beta) {
        double eta = 0;
        for (int a = 0; a < r.index.length; a++) {
            eta += r.value[a] * beta[r.index[a]];
        }
        return eta;
    }

    /** The penalised negative log-likelihood with soft labels. */
    private double objective(List<Row> rows, double[] beta, int dim) {
        double sum = 0;
        for (Row r : rows) {
            double eta = eta(r, beta);
            // log(1 + e^eta) - y·eta, computed without overflow
            sum += Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta))) - r.label * eta;
        }
        double penalty = 0;
        for (int j = 0; j < dim; j++) {
            penalty += beta[j] * beta[j];
        }
        return sum + 0.5 * l2 * penalty;
    }
}

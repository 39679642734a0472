import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zenmoon.analysis.recommend.FeatureEncoder;
import org.zenmoon.analysis.recommend.Intervention;
import org.zenmoon.analysis.recommend.InterventionCatalogue;
import org.zenmoon.analysis.recommend.LinearModel;
import org.zenmoon.analysis.recommend.RecommendationContext;
import org.zenmoon.analysis.recommend.Tally;
import org.zenmoon.analysis.recommend.simulation.FamilySimulator;

/**
 * ONNX Runtime's own time for one ranking (issue #14, item 10): the bundled catalogue's candidates for one child,
 * encoded once, scored as the server's {@code OnnxModelScorer} does (flatten into a buffer, make the tensor, run
 * the session with one intra-op thread, read the scores, close); beside the pure-Java {@code LinearModel.score} and
 * the feature encoding itself. Models: the cold start (all weights 0) and the model the family simulator's default
 * run ends with (trained by {@code LogisticTrainer}, promoted by its A/B test). Runs on the analysis module's
 * classpath, see bench/recommend/onnx.sh.
 *
 * <p>Usage: {@code OnnxInference [runs=10000] [warmup=2000]}.
 */
public final class OnnxInference {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        InterventionCatalogue catalogue = InterventionCatalogue.bundled();
        FeatureEncoder encoder = new FeatureEncoder(catalogue);
        // The age with the most suitable interventions: the largest ranking the server makes.
        int age = 3;
        for (int a = 3; a <= 25; a++) {
            age = catalogue.suitableFor(a).size() > catalogue.suitableFor(age).size() ? a : age;
        }
        List<Intervention> candidates = catalogue.suitableFor(age);
        Map<String, Tally> history = new HashMap<>();
        history.put(candidates.get(0).id(), new Tally(3, 2, 1));
        history.put(candidates.get(5).id(), new Tally(2, 0, 1));
        RecommendationContext context = new RecommendationContext(0.62, 0.03, 0.8, "night_owl", 18, true, 16,
                DayOfWeek.TUESDAY, age, history, Map.of("mindfulness", "helps"));
        float[][] features = encoder.encodeAll(context, candidates);

        long t0 = System.nanoTime();
        LinearModel trained = new FamilySimulator(catalogue).run(FamilySimulator.Settings.defaults()).active();
        long nonZero = 0;
        for (float w : trained.weights()) {
            nonZero += w != 0 ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%s %s, %d cores, onnxruntime %s; catalogue %s, age %d: %d candidates x %d"
                        + " features; trained model: the simulator's final one (%d of %d weights non-zero, %.1f s)%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), OrtEnvironment.class.getPackage().getImplementationVersion(),
                catalogue.version(), age, features.length, encoder.dimension(), nonZero, trained.dimension(),
                (System.nanoTime() - t0) / 1e9);
        if (nonZero == 0) {
            throw new IllegalStateException("the simulator ended with the cold-start model; nothing trained to time");
        }

        System.out.println("| model | what | p50 µs | p99 µs | mean µs |");
        System.out.println("|---|---|---:|---:|---:|");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (Map.Entry<String, LinearModel> e :
                Map.of("cold start", LinearModel.coldStart(encoder), "trained", trained).entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .toList()) {
            LinearModel model = e.getValue();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                try (OrtSession session = env.createSession(model.toOnnx(), options)) {
                    double[] ort = score(env, session, features);
                    double[] java = model.score(features);
                    double gap = 0;
                    for (int i = 0; i < ort.length; i++) {
                        gap = Math.max(gap, Math.abs(ort[i] - java[i]));
                    }
                    if (!(gap < 1e-5)) {
                        throw new IllegalStateException("ONNX Runtime and LinearModel.score differ by " + gap);
                    }
                    long[] t = time(runs, warmup, () -> score(env, session, features));
                    row(e.getKey(), "ONNX Runtime (as OnnxModelScorer: tensor, run, read)", t);
                    try (OnnxTensor input = tensor(env, features)) {
                        Map<String, OnnxTensor> feed = Map.of(LinearModel.INPUT, input);
                        long[] r = time(runs, warmup, () -> {
                            try (OrtSession.Result result = session.run(feed)) {
                                return result.size();
                            }
                        });
                        row(e.getKey(), "ONNX Runtime session.run only (one input tensor reused)", r);
                    }
                    row(e.getKey(), "LinearModel.score (pure Java)", time(runs, warmup, () -> model.score(features)));
                }
            }
        }
        row("—", "FeatureEncoder.encodeAll (the server does this first)",
                time(runs, warmup, () -> encoder.encodeAll(context, candidates)));
    }

    /** What OnnxModelScorer.score does for one ranking. */
    static double[] score(OrtEnvironment env, OrtSession session, float[][] features) throws Exception {
        try (OnnxTensor input = tensor(env, features);
                OrtSession.Result result = session.run(Map.of(LinearModel.INPUT, input))) {
            float[][] scores = (float[][]) result.get(LinearModel.OUTPUT).orElseThrow().getValue();
            double[] out = new double[scores.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = scores[i][0];
            }
            return out;
        }
    }

    static OnnxTensor tensor(OrtEnvironment env, float[][] features) throws Exception {
        int d = features[0].length;
        FloatBuffer flat = FloatBuffer.allocate(features.length * d);
        for (float[] row : features) {
            flat.put(row);
        }
        flat.flip();
        return OnnxTensor.createTensor(env, flat, new long[] {features.length, d});
    }

    interface Work {
        Object run() throws Exception;
    }

    static volatile Object sink;

    /** Nanoseconds of each of {@code runs} timed calls, after {@code warmup} untimed ones; sorted. */
    static long[] time(int runs, int warmup, Work w) throws Exception {
        for (int i = 0; i < warmup; i++) {
            sink = w.run();
        }
        long[] t = new long[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            sink = w.run();
            t[i] = System.nanoTime() - s;
        }
        Arrays.sort(t);
        return t;
    }

    static void row(String model, String what, long[] sorted) {
        double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f |%n", model, what, pct(sorted, 50) / 1e3,
                pct(sorted, 99) / 1e3, mean / 1e3);
    }

    static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}

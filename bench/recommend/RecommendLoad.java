import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open-loop load on {@code GET /api/v1/children/{id}/recommendations/next} (issue #14, item 10): requests leave at a
 * fixed rate whatever the server's answers do, round-robin over the demo guardians' children, and each latency runs
 * from the request's scheduled send time, so a stalled server shows as latency instead of as fewer requests
 * (no coordinated omission). Only JDK classes: run with {@code java RecommendLoad.java}.
 *
 * <p>Modes: {@code open} asks again while the child's recommendation is still open, so the server answers the stored
 * one (a parent reopening the app); {@code new} answers each child's previous recommendation (feedback, 👍 or 👎 at
 * random) as soon as its GET returns, so every measured GET ranks the catalogue with ONNX Runtime and stores a new
 * recommendation. The feedback is not timed, but it loads the server; a GET whose child's feedback has not yet
 * returned at its scheduled time waits for it, and that wait counts in its latency (reported as "sent late").
 *
 * <p>Usage: {@code RecommendLoad BASE_URL [modes=open,new] [rate=200] [warmup=15] [duration=60] [first=3] [last=40]
 * [password=demo]}. Any answer but 200 to a timed GET is an error and is printed (status -1: the connection failed;
 * 0: no answer 60 s after the last send).
 */
public final class RecommendLoad {

    static final Pattern CHILD_ID = Pattern.compile("\"childId\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern RECOMMENDATION_ID = Pattern.compile("\"recommendationId\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern MODEL_VERSION = Pattern.compile("\"modelVersion\"\\s*:\\s*\"([^\"]*)\"");
    static final Pattern JOB_NAME = Pattern.compile("\"jobName\"\\s*:\\s*\"retrain-recommender\"");

    /** One guardian's child and what the bench last saw of it. */
    static final class Child {
        final String id;
        final String token;
        volatile String lastRecommendation;
        /** In {@code new} mode: completes when the child's previous recommendation has been answered. */
        CompletableFuture<Void> answered = CompletableFuture.completedFuture(null);

        Child(String id, String token) {
            this.id = id;
            this.token = token;
        }
    }

    /** One timed GET: scheduled and actual send time, completion, status. */
    record Sample(long scheduled, long sent, long done, int status, boolean measured, boolean sameAsBefore) {}

    final String base;
    final Map<String, String> opt;
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    final List<Child> children = new ArrayList<>();
    final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    final AtomicInteger feedbackSent = new AtomicInteger();
    final AtomicInteger feedbackFailed = new AtomicInteger();
    final Map<String, Integer> models = new TreeMap<>();

    RecommendLoad(String base, Map<String, String> opt) {
        this.base = base.replaceAll("/+$", "") + "/api/v1";
        this.opt = opt;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: RecommendLoad BASE_URL [modes=open,new] [rate=200] [warmup=15] [duration=60]"
                    + " [first=3] [last=40] [password=demo]");
            System.exit(2);
        }
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected key=value, not " + args[i]);
            }
            opt.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        RecommendLoad bench = new RecommendLoad(args[0], opt);
        bench.logIn();
        for (String mode : opt.getOrDefault("modes", "open,new").split(",")) {
            bench.run(mode);
        }
    }

    /** Logs in guardian.first .. guardian.last and takes each one's (first) child. */
    void logIn() throws Exception {
        int first = Integer.parseInt(opt.getOrDefault("first", "3"));
        int last = Integer.parseInt(opt.getOrDefault("last", "40"));
        String password = opt.getOrDefault("password", "demo");
        long minExpiry = Long.MAX_VALUE;
        for (int g = first; g <= last; g++) {
            String reply = send(post("/auth/token", "{\"username\":\"guardian." + g + "\",\"password\":\"" + password
                    + "\"}", null), 200);
            String token = field(reply, "accessToken");
            minExpiry = Math.min(minExpiry, Long.parseLong(number(reply, "expiresIn")));
            Matcher m = CHILD_ID.matcher(send(get("/children", token), 200));
            if (!m.find()) {
                throw new IllegalStateException("guardian." + g + " sees no child");
            }
            children.add(new Child(m.group(1), token));
        }
        System.out.printf(Locale.ROOT, "%d guardians logged in (guardian.%d .. guardian.%d), one child each;"
                + " tokens expire in %d s%n", children.size(), first, last, minExpiry);
    }

    void run(String mode) throws Exception {
        if (!mode.equals("open") && !mode.equals("new")) {
            throw new IllegalArgumentException("mode is open or new, not " + mode);
        }
        boolean renew = mode.equals("new");
        double rate = Double.parseDouble(opt.getOrDefault("rate", "200"));
        long warmup = TimeUnit.SECONDS.toNanos(Long.parseLong(opt.getOrDefault("warmup", "15")));
        long duration = TimeUnit.SECONDS.toNanos(Long.parseLong(opt.getOrDefault("duration", "60")));
        errors.clear();
        feedbackSent.set(0);
        feedbackFailed.set(0);
        models.clear();
        settle();
        // Every child starts with a recommendation the bench knows: the open one, or a new one if none is open.
        for (Child c : children) {
            c.lastRecommendation = field(send(get("/children/" + c.id + "/recommendations/next", c.token), 200),
                    "recommendationId");
            c.answered = CompletableFuture.completedFuture(null);
        }
        if (renew) {
            for (Child c : children) {
                c.answered = feedback(c, c.lastRecommendation);
            }
            CompletableFuture.allOf(children.stream().map(c -> c.answered).toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
        }
        int retrainsBefore = retrainRuns();

        long total = (long) Math.ceil((warmup + duration) / 1e9 * rate);
        double interval = 1e9 / rate;
        List<CompletableFuture<Sample>> samples = new ArrayList<>((int) total);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measureFrom = start + warmup;
        long measureTo = measureFrom + duration;
        for (long k = 0; ; k++) {
            long scheduled = start + Math.round(k * interval);
            if (scheduled >= measureTo) {
                break;
            }
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            Child c = children.get((int) (k % children.size()));
            boolean measured = scheduled >= measureFrom;
            if (renew) {
                CompletableFuture<Sample> s = c.answered.thenCompose(x -> timedGet(c, scheduled, measured, true));
                c.answered = s.thenCompose(r -> r.status == 200 ? feedback(c, c.lastRecommendation)
                        : CompletableFuture.completedFuture(null));
                samples.add(s);
            } else {
                samples.add(timedGet(c, scheduled, measured, false));
            }
        }
        long sendingEnded = System.nanoTime();
        // Requests still unanswered 60 s after the last send count as errors (status 0), at their own latency so far.
        try {
            CompletableFuture.allOf(samples.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            errors.add("requests still unanswered 60 s after the last send");
        }
        long cutOff = System.nanoTime();
        List<Sample> m = new ArrayList<>();
        long[] schedule = new long[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            schedule[i] = start + Math.round(i * interval);
            Sample x = samples.get(i).getNow(null);
            if (x == null) {
                x = new Sample(schedule[i], schedule[i], cutOff, 0, schedule[i] >= measureFrom, false);
            }
            if (x.measured()) {
                m.add(x);
            }
        }
        int retrainsAfter = retrainRuns();
        report(mode, rate, duration, m, sendingEnded - measureTo,
                retrainsBefore < 0 || retrainsAfter < 0 ? -1 : retrainsAfter - retrainsBefore);
    }

    /** Waits (at most 5 minutes) until the server answers a GET within 5 s again, after an earlier overload. */
    void settle() throws Exception {
        Child c = children.get(0);
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/children/" + c.id))
                        .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + c.token).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // still overloaded
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("the server did not recover within 5 minutes");
            }
            System.out.println("waiting for the server to answer again ...");
            Thread.sleep(5000);
        }
    }

    /** The GET; {@code renewed}: it must answer a recommendation other than the child's previous one. */
    CompletableFuture<Sample> timedGet(Child c, long scheduled, boolean measured, boolean renewed) {
        long sent = System.nanoTime();
        return http.sendAsync(get("/children/" + c.id + "/recommendations/next", c.token),
                        HttpResponse.BodyHandlers.ofString())
                .handle((r, e) -> {
                    long done = System.nanoTime();
                    if (e != null) {
                        errors.add("GET child " + c.id + ": " + e);
                        return new Sample(scheduled, sent, done, -1, measured, false);
                    }
                    if (r.statusCode() != 200) {
                        errors.add("GET child " + c.id + ": " + r.statusCode() + " " + r.body());
                        return new Sample(scheduled, sent, done, r.statusCode(), measured, false);
                    }
                    Matcher id = RECOMMENDATION_ID.matcher(r.body());
                    String rec = id.find() ? id.group(1) : null;
                    boolean same = rec != null && rec.equals(c.lastRecommendation);
                    c.lastRecommendation = rec;
                    if (measured) {
                        Matcher mv = MODEL_VERSION.matcher(r.body());
                        synchronized (models) {
                            models.merge(mv.find() ? mv.group(1) : "(none)", 1, Integer::sum);
                        }
                    }
                    return new Sample(scheduled, sent, done, 200, measured, same);
                });
    }

    CompletableFuture<Void> feedback(Child c, String recommendationId) {
        feedbackSent.incrementAndGet();
        boolean helpful = ThreadLocalRandom.current().nextBoolean();
        return http.sendAsync(post("/recommendations/" + recommendationId + "/feedback",
                                "{\"helpful\":" + helpful + "}", c.token),
                        HttpResponse.BodyHandlers.ofString())
                .handle((r, e) -> {
                    if (e != null || r.statusCode() != 201) {
                        feedbackFailed.incrementAndGet();
                        errors.add("feedback " + recommendationId + ": " + (e != null ? e : r.statusCode() + " "
                                + r.body()));
                    }
                    return null;
                });
    }

    void report(String mode, double rate, long duration, List<Sample> m, long schedulerLag, int retrains) {
        long[] lat = new long[m.size()];
        int ok = 0;
        int late = 0;
        int sameAsBefore = 0;
        long lastDone = 0;
        long firstScheduled = Long.MAX_VALUE;
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (int i = 0; i < m.size(); i++) {
            Sample s = m.get(i);
            lat[i] = s.done() - s.scheduled();
            firstScheduled = Math.min(firstScheduled, s.scheduled());
            lastDone = Math.max(lastDone, s.done());
            if (s.status() == 200) {
                ok++;
            } else {
                byStatus.merge(s.status(), 1, Integer::sum);
            }
            if (s.sent() - s.scheduled() > TimeUnit.MILLISECONDS.toNanos(1)) {
                late++;
            }
            if (s.sameAsBefore()) {
                sameAsBefore++;
            }
        }
        Arrays.sort(lat);
        double seconds = duration / 1e9;
        System.out.println();
        System.out.printf(Locale.ROOT, "mode %s: target %.0f req/s for %.0f s (after the warm-up), %d children%n",
                mode, rate, seconds, children.size());
        System.out.printf(Locale.ROOT, "  sent %d (%.1f req/s scheduled), answered %d 200 in %.1f s (%.1f req/s"
                        + " achieved), errors %d %s%n",
                m.size(), m.size() / seconds, ok, (lastDone - firstScheduled) / 1e9,
                ok / ((lastDone - firstScheduled) / 1e9), m.size() - ok, byStatus.isEmpty() ? "" : byStatus);
        System.out.printf(Locale.ROOT, "  latency from scheduled send (ms): p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
                pct(lat, 50), pct(lat, 90), pct(lat, 99), lat.length == 0 ? Double.NaN : lat[lat.length - 1] / 1e6);
        System.out.printf(Locale.ROOT, "  sent > 1 ms late: %d; scheduler lag at the end %.1f ms; GETs answering the"
                + " child's previous recommendation: %d%n", late, schedulerLag / 1e6, sameAsBefore);
        if (mode.equals("new")) {
            System.out.printf(Locale.ROOT, "  feedback posts (untimed, whole run incl. warm-up): %d, failed %d%n",
                    feedbackSent.get(), feedbackFailed.get());
        }
        System.out.printf(Locale.ROOT, "  model versions answered: %s; retrain-recommender runs started during the"
                + " run: %s%n", models, retrains < 0 ? "unknown" : Integer.toString(retrains));
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %d |%n", mode, rate,
                ok / ((lastDone - firstScheduled) / 1e9), pct(lat, 50), pct(lat, 90), pct(lat, 99),
                lat.length == 0 ? Double.NaN : lat[lat.length - 1] / 1e6, m.size() - ok);
        int shown = 0;
        for (String e : errors) {
            if (shown++ == 20) {
                System.out.printf(Locale.ROOT, "  ... %d more errors%n", errors.size() - 20);
                break;
            }
            System.out.println("  error: " + e);
        }
    }

    /** retrain-recommender runs in both demo tenants' job lists (their admins), or -1 when unreadable. */
    int retrainRuns() {
        int n = 0;
        for (String admin : List.of("school.admin", "clinic.admin")) {
            try {
                String token = field(send(post("/auth/token", "{\"username\":\"" + admin + "\",\"password\":\""
                        + opt.getOrDefault("password", "demo") + "\"}", null), 200), "accessToken");
                Matcher m = JOB_NAME.matcher(send(get("/admin/jobs?limit=200", token), 200));
                while (m.find()) {
                    n++;
                }
            } catch (Exception e) {
                System.err.println("could not read " + admin + "'s jobs: " + e.getMessage());
                return -1;
            }
        }
        return n;
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
    }

    HttpRequest post(String path, String json, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    String send(HttpRequest request, int expected) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + r.statusCode() + " "
                    + r.body());
        }
        return r.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*([0-9]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}

package org.zenmoon.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP client for the API, as an integrator's script would use it. */
final class Http {

    record Reply(int status, String contentType, String body, java.util.List<String> cookies, HttpHeaders headers) {
        JsonStructure json() {
            return Json.createReader(new StringReader(body)).read();
        }

        JsonObject object() {
            return json().asJsonObject();
        }
    }

    private final HttpClient client;
    private final String base;

    /**
     * HTTP/1.1, as browsers, curl and phones speak to a plain-HTTP server: the run command turns cleartext HTTP/2 off,
     * and Grizzly then drops the Content-Type of answers to a request that still asks to upgrade (the JDK client's
     * default).
     */
    Http(String base) {
        this(base, HttpClient.Version.HTTP_1_1);
    }

    /** With {@code HTTP_1_1}, the client never upgrades a plain connection to HTTP/2. */
    Http(String base, HttpClient.Version version) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .version(version)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    Reply get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    Reply post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    Reply post(String path, String json, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** Any method, with a JSON body (or none: null) and a token (or none: null). */
    Reply send(String method, String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    Reply delete(String path, String token) throws IOException, InterruptedException {
        return send("DELETE", path, null, token);
    }

    Reply login(String username, String password) throws IOException, InterruptedException {
        return post(
                "/api/v1/auth/token",
                Json.createObjectBuilder()
                        .add("username", username)
                        .add("password", password)
                        .build()
                        .toString());
    }

    String token(String username) throws IOException, InterruptedException {
        return token(username, "demo");
    }

    String token(String username, String password) throws IOException, InterruptedException {
        Reply r = login(username, password);
        if (r.status() != 200) {
            throw new IllegalStateException("login of " + username + " failed: " + r.status() + " " + r.body());
        }
        return r.object().getString("accessToken");
    }

    Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(
                r.statusCode(),
                r.headers().firstValue("Content-Type").orElse(""),
                r.body(),
                r.headers().allValues("Set-Cookie"),
                r.headers());
    }

    /** A request builder for {@code path}, for what the helpers above do not cover. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    /**
     * The status of a log-in sent from another loopback address ({@code 127.0.0.2} and so on: on Linux the whole
     * 127/8 is the local machine), as a second client machine would. Java 17's client cannot choose its source
     * address, so this speaks HTTP/1.1 over a socket.
     */
    /**
     * A JSON POST from another local address (127.0.0.x), over a connection of its own: for attempts that the
     * log-in throttle counts against their address, so that they do not lock out the other tests on 127.0.0.1.
     */
    Reply postFrom(String localAddress, String path, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int port = URI.create(base).getPort();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5000);
            socket.setSoTimeout(60_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String headers = end < 0 ? answer : answer.substring(0, end);
            String contentType = headers.lines()
                    .filter(l -> l.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(l -> l.substring(13).trim())
                    .findFirst()
                    .orElse("");
            java.util.Map<String, java.util.List<String>> fields =
                    new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.lines()
                    .skip(1)
                    .filter(l -> l.indexOf(':') > 0)
                    .forEach(l -> fields.computeIfAbsent(
                                    l.substring(0, l.indexOf(':')).trim(), k -> new java.util.ArrayList<>())
                            .add(l.substring(l.indexOf(':') + 1).trim()));
            return new Reply(
                    Integer.parseInt(headers.split(" ")[1]),
                    contentType,
                    end < 0 ? "" : answer.substring(end + 4),
                    java.util.List.of(),
                    HttpHeaders.of(fields, (name, value) -> true));
        }
    }

    int loginFrom(String localAddress, String username, String password) throws IOException {
        URI uri = URI.create(base);
        String body = Json.createObjectBuilder()
                .add("username", username)
                .add("password", password)
                .build()
                .toString();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), uri.getPort()), 5000);
            socket.setSoTimeout(60_000);
            String head = "POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost:" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(
                            new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}

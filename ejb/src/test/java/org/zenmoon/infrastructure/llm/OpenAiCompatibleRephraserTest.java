package org.zenmoon.infrastructure.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a local HTTP double of an OpenAI-compatible chat endpoint (no model server can run here): the
 * request it sends, the answer it reads, and the template kept on a timeout, an error status or a malformed answer.
 */
class OpenAiCompatibleRephraserTest {

    HttpServer server;
    final List<JsonObject> requests = new ArrayList<>();
    final List<String> authorizations = new ArrayList<>();
    final AtomicInteger status = new AtomicInteger(200);
    final AtomicReference<String> answer = new AtomicReference<>();
    volatile long delayMillis;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (requests) {
                requests.add(Json.createReader(new StringReader(body)).readObject());
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] out = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    OpenAiCompatibleRephraser client(String apiKey) {
        OpenAiCompatibleRephraser c = new OpenAiCompatibleRephraser();
        c.url = java.util.Optional.of("http://127.0.0.1:" + server.getAddress().getPort());
        c.model = "gemma2:2b";
        c.apiKey = java.util.Optional.of(apiKey);
        c.timeout = Duration.ofMillis(500);
        c.maxTokens = 120;
        return c;
    }

    static String completion(String content) {
        return Json.createObjectBuilder()
                .add("id", "chatcmpl-1")
                .add("object", "chat.completion")
                .add(
                        "choices",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("index", 0)
                                        .add(
                                                "message",
                                                Json.createObjectBuilder()
                                                        .add("role", "assistant")
                                                        .add("content", content))
                                        .add("finish_reason", "stop")))
                .build()
                .toString();
    }

    @Test
    void sendsTheInstructionAndTheTextAndReadsTheReply() {
        answer.set(completion("  At 19:30, try box breathing together.  "));
        assertThat(client("secret").rephrase("Reword it.", "Try box breathing at 19:30."))
                .contains("At 19:30, try box breathing together.");
        JsonObject sent = requests.get(0);
        assertThat(sent.getString("model")).isEqualTo("gemma2:2b");
        assertThat(sent.getInt("max_tokens")).isEqualTo(120);
        assertThat(sent.getJsonArray("messages").getJsonObject(0).getString("role"))
                .isEqualTo("system");
        assertThat(sent.getJsonArray("messages").getJsonObject(0).getString("content"))
                .isEqualTo("Reword it.");
        assertThat(sent.getJsonArray("messages").getJsonObject(1).getString("role"))
                .isEqualTo("user");
        assertThat(sent.getJsonArray("messages").getJsonObject(1).getString("content"))
                .isEqualTo("Try box breathing at 19:30.");
        assertThat(authorizations.get(0)).isEqualTo("Bearer secret");
    }

    @Test
    void withoutAKeyNoAuthorizationIsSent() {
        answer.set(completion("At 19:30, try box breathing together."));
        assertThat(client("").rephrase("Reword it.", "Try box breathing at 19:30."))
                .isPresent();
        assertThat(authorizations.get(0)).isNull();
    }

    @Test
    void aSlowModelAnErrorOrAnOddAnswerGivesNothing() {
        answer.set(completion("late"));
        delayMillis = 1500;
        assertThat(client("").rephrase("Reword it.", "text"))
                .as("the answer comes after the 500 ms timeout")
                .isEmpty();
        delayMillis = 0;
        status.set(500);
        answer.set("{\"error\":\"overloaded\"}");
        assertThat(client("").rephrase("Reword it.", "text")).isEmpty();
        status.set(200);
        answer.set("not json");
        assertThat(client("").rephrase("Reword it.", "text")).isEmpty();
        answer.set("{\"choices\":[]}");
        assertThat(client("").rephrase("Reword it.", "text")).isEmpty();
    }

    @Test
    void withoutAnAddressItIsOffAndSendsNothing() {
        OpenAiCompatibleRephraser off = client("");
        off.url = java.util.Optional.empty();
        assertThat(off.enabled()).isFalse();
        assertThat(off.rephrase("Reword it.", "text")).isEmpty();
        assertThat(requests).isEmpty();
    }
}

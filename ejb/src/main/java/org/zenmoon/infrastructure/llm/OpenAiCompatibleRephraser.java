package org.zenmoon.infrastructure.llm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.zenmoon.domain.model.recommendation.TextRephraser;

/**
 * {@link TextRephraser} over an OpenAI-compatible {@code POST /v1/chat/completions} (Ollama, vLLM, llama.cpp's
 * server all speak it), with a hard timeout. Off unless {@code zenmoon.llm.url} is set. Failures are logged by kind
 * only (the text is never logged).
 */
@ApplicationScoped
public class OpenAiCompatibleRephraser implements TextRephraser {

    private static final Logger LOG = Logger.getLogger(OpenAiCompatibleRephraser.class.getName());

    @Inject
    @ConfigProperty(name = "zenmoon.llm.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "zenmoon.llm.model", defaultValue = "gemma2:2b")
    String model;

    @Inject
    @ConfigProperty(name = "zenmoon.llm.api-key")
    Optional<String> apiKey;

    @Inject
    @ConfigProperty(name = "zenmoon.llm.timeout", defaultValue = "PT2S")
    Duration timeout;

    @Inject
    @ConfigProperty(name = "zenmoon.llm.max-tokens", defaultValue = "120")
    int maxTokens;

    private volatile HttpClient client;

    @Override
    public boolean enabled() {
        return url.filter(u -> !u.isBlank()).isPresent();
    }

    @Override
    public Optional<String> rephrase(String instruction, String text) {
        if (!enabled()) {
            return Optional.empty();
        }
        String body = Json.createObjectBuilder()
                .add("model", model)
                .add("max_tokens", maxTokens)
                .add("temperature", 0.3)
                .add("stream", false)
                .add(
                        "messages",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("role", "system")
                                        .add("content", instruction))
                                .add(Json.createObjectBuilder()
                                        .add("role", "user")
                                        .add("content", text)))
                .build()
                .toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        apiKey.filter(k -> !k.isBlank()).ifPresent(k -> request.header("Authorization", "Bearer " + k));
        try {
            HttpResponse<String> answer = client().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                LOG.warning(() -> "the language model answered " + answer.statusCode() + ": the template is used");
                return Optional.empty();
            }
            JsonObject json;
            try (var reader = Json.createReader(new StringReader(answer.body()))) {
                json = reader.readObject();
            }
            JsonArray choices = json.getJsonArray("choices");
            if (choices == null || choices.isEmpty()) {
                return Optional.empty();
            }
            JsonObject message = choices.getJsonObject(0).getJsonObject("message");
            return message == null
                    ? Optional.empty()
                    : Optional.ofNullable(message.getString("content", null)).map(String::strip);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            // A timeout, a refused connection or a malformed answer: the template stands.
            LOG.warning(() -> "the language model could not be used ("
                    + e.getClass().getSimpleName() + "): the template is used");
            return Optional.empty();
        }
    }

    private URI endpoint() {
        String u = url.orElseThrow().strip();
        String base = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
        return URI.create(base.endsWith("/v1") ? base + "/chat/completions" : base + "/v1/chat/completions");
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            c = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            client = c;
        }
        return c;
    }
}

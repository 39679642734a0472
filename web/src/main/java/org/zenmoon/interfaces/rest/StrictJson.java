package org.zenmoon.interfaces.rest;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.zenmoon.application.InvalidInputException;

/**
 * JSON as RFC 8259 and I-JSON (RFC 7493) define it, for bodies that devices send: UTF-8 only (a broken byte is
 * refused, not replaced by U+FFFD), no key twice in one object (JSON-B would silently keep the last, so the server
 * and the phone could read different batches), a bounded depth and bounded number literals. Each refusal is an
 * {@link InvalidInputException} naming where it is ({@code epochs[3].hr}), a 400 like any other bad field.
 */
final class StrictJson {

    /** A batch is three levels deep; anything much deeper is not a batch. */
    static final int MAX_DEPTH = 16;

    /** Longer than any double or long written out; a megabyte of digits would only cost time to convert. */
    static final int MAX_NUMBER_LENGTH = 40;

    /**
     * Looked up once: each {@code Json.createValue} or {@code Json.createObjectBuilder} looks the provider up again
     * through the service loader, which made a day-long batch (some 20,000 values) take 1.5 s to read.
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    private StrictJson() {}

    static JsonValue parse(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("body", "is not valid UTF-8");
        }
        if (text.isBlank()) {
            throw new InvalidInputException("body", "is empty; a JSON object is required");
        }
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            JsonValue value = value(parser, parser.next(), "", 0);
            if (parser.hasNext()) {
                throw new InvalidInputException("body", "holds more than one JSON value");
            }
            return value;
        } catch (JsonParsingException e) {
            // The location only: the parser's message can quote the body.
            throw new InvalidInputException(
                    "body",
                    "is not valid JSON (line " + e.getLocation().getLineNumber() + ", column "
                            + e.getLocation().getColumnNumber() + ")");
        } catch (java.util.NoSuchElementException | IllegalStateException | jakarta.json.JsonException e) {
            throw new InvalidInputException("body", "is not valid JSON");
        }
    }

    private static JsonValue value(JsonParser parser, JsonParser.Event event, String path, int depth) {
        switch (event) {
            case START_OBJECT -> {
                deep(path, depth);
                JsonObjectBuilder object = JSON.createObjectBuilder();
                Set<String> keys = new HashSet<>();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
                    String key = parser.getString();
                    String at = path.isEmpty() ? key : path + "." + key;
                    if (!keys.add(key)) {
                        throw new InvalidInputException(at, "appears twice in the same object");
                    }
                    object.add(key, value(parser, parser.next(), at, depth + 1));
                }
                return object.build();
            }
            case START_ARRAY -> {
                deep(path, depth);
                JsonArrayBuilder array = JSON.createArrayBuilder();
                int i = 0;
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_ARRAY; e = parser.next(), i++) {
                    array.add(value(parser, e, (path.isEmpty() ? "body" : path) + "[" + i + "]", depth + 1));
                }
                return array.build();
            }
            case VALUE_STRING -> {
                return JSON.createValue(parser.getString());
            }
            case VALUE_NUMBER -> {
                String literal = parser.getString();
                if (literal.length() > MAX_NUMBER_LENGTH) {
                    throw new InvalidInputException(
                            path.isEmpty() ? "body" : path,
                            "is a number of more than " + MAX_NUMBER_LENGTH + " characters");
                }
                return JSON.createValue(new BigDecimal(literal));
            }
            case VALUE_TRUE -> {
                return JsonValue.TRUE;
            }
            case VALUE_FALSE -> {
                return JsonValue.FALSE;
            }
            case VALUE_NULL -> {
                return JsonValue.NULL;
            }
            default -> throw new InvalidInputException("body", "is not valid JSON");
        }
    }

    private static void deep(String path, int depth) {
        if (depth >= MAX_DEPTH) {
            throw new InvalidInputException(
                    path.isEmpty() ? "body" : path, "nests deeper than " + MAX_DEPTH + " levels");
        }
    }
}

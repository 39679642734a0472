package org.zenmoon.infrastructure.embedding;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BERT's tokenizer, as a Hugging Face {@code tokenizer.json} with a WordPiece model describes it: basic
 * tokenisation (control characters dropped, CJK characters split apart, accents stripped, lower case, split on
 * white space and punctuation), then greedy longest-match-first word pieces ({@code ##} continues a word; a word
 * that cannot be split into known pieces becomes {@code [UNK]}), framed by {@code [CLS]} and {@code [SEP]}.
 */
final class WordPieceTokenizer {

    private final Map<String, Integer> vocab;
    private final String prefix;
    private final int maxCharsPerWord;
    private final String unkToken;
    private final int unk;
    private final int cls;
    private final int sep;

    private WordPieceTokenizer(Map<String, Integer> vocab, String unkToken, String prefix, int maxCharsPerWord) {
        this.vocab = vocab;
        this.prefix = prefix;
        this.maxCharsPerWord = maxCharsPerWord;
        this.unkToken = unkToken;
        this.unk = id(unkToken);
        this.cls = id("[CLS]");
        this.sep = id("[SEP]");
    }

    /** Reads the WordPiece model of a {@code tokenizer.json}. */
    static WordPieceTokenizer read(InputStream json) throws IOException {
        JsonObject model;
        try (JsonReader reader = Json.createReader(new InputStreamReader(json, StandardCharsets.UTF_8))) {
            model = reader.readObject().getJsonObject("model");
        }
        if (model == null || !"WordPiece".equals(model.getString("type", ""))) {
            throw new IOException("not a WordPiece tokenizer");
        }
        Map<String, Integer> vocab = new HashMap<>();
        for (Map.Entry<String, JsonValue> e : model.getJsonObject("vocab").entrySet()) {
            vocab.put(e.getKey(), ((jakarta.json.JsonNumber) e.getValue()).intValue());
        }
        return new WordPieceTokenizer(
                Map.copyOf(vocab),
                model.getString("unk_token", "[UNK]"),
                model.getString("continuing_subword_prefix", "##"),
                model.getInt("max_input_chars_per_word", 100));
    }

    private int id(String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new IllegalStateException("the vocabulary lacks " + token);
        }
        return id;
    }

    /** The ids of {@code text}: {@code [CLS]}, at most {@code maxTokens - 2} word pieces, {@code [SEP]}. */
    long[] ids(String text, int maxTokens) {
        List<String> pieces = pieces(text);
        int n = Math.min(pieces.size(), maxTokens - 2);
        long[] ids = new long[n + 2];
        ids[0] = cls;
        for (int i = 0; i < n; i++) {
            ids[i + 1] = vocab.getOrDefault(pieces.get(i), unk);
        }
        ids[n + 1] = sep;
        return ids;
    }

    /** The word pieces of {@code text}, without the frame. */
    List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        for (String word : basicTokens(text)) {
            wordPieces(word, pieces);
        }
        return pieces;
    }

    /** Basic tokenisation: normalised words and punctuation marks, each its own token. */
    static List<String> basicTokens(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == 0 || c == 0xFFFD || isControl(c)) {
                return;
            }
            if (isWhitespace(c)) {
                clean.append(' ');
            } else if (isCjk(c)) {
                clean.append(' ').appendCodePoint(c).append(' ');
            } else {
                clean.appendCodePoint(c);
            }
        });
        String folded = Normalizer.normalize(clean.toString().toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD)
                .codePoints()
                .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        folded.codePoints().forEach(c -> {
            if (c == ' ') {
                flush(word, tokens);
            } else if (isPunctuation(c)) {
                flush(word, tokens);
                tokens.add(new String(Character.toChars(c)));
            } else {
                word.appendCodePoint(c);
            }
        });
        flush(word, tokens);
        return tokens;
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (!word.isEmpty()) {
            tokens.add(word.toString());
            word.setLength(0);
        }
    }

    private void wordPieces(String word, List<String> out) {
        if (word.codePointCount(0, word.length()) > maxCharsPerWord) {
            out.add(unkToken);
            return;
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            String piece = null;
            while (start < end) {
                String candidate = (start > 0 ? prefix : "") + word.substring(start, end);
                if (vocab.containsKey(candidate)) {
                    piece = candidate;
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (piece == null) {
                out.add(unkToken);
                return;
            }
            pieces.add(piece);
            start = end;
        }
        out.addAll(pieces);
    }

    private static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT;
    }

    /** BERT's punctuation: every non-letter, non-digit ASCII mark, and Unicode's punctuation categories. */
    private static boolean isPunctuation(int c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isCjk(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF)
                || (c >= 0x3400 && c <= 0x4DBF)
                || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F)
                || (c >= 0x2B740 && c <= 0x2B81F)
                || (c >= 0x2B820 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}

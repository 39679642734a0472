package org.zenmoon.analysis.recommend;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A versioned list of curated interventions. The bundled one is {@code interventions-v1.json} next to this class;
 * a model is trained against one catalogue version, because the features name its interventions.
 */
public record InterventionCatalogue(String version, List<Intervention> interventions) {

    private static final String BUNDLED = "interventions-v1.json";
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final Set<String> ENTRY_FIELDS = Set.of(
            "id",
            "category",
            "slots",
            "minAge",
            "maxAge",
            "durationMinutes",
            "templates",
            "cautions",
            "evidence",
            "causalType");

    public InterventionCatalogue {
        Objects.requireNonNull(version, "version");
        interventions = List.copyOf(interventions);
        Set<String> ids = new HashSet<>();
        for (Intervention i : interventions) {
            if (!ids.add(i.id())) {
                throw new CatalogueException("duplicate intervention id '" + i.id() + "'");
            }
        }
    }

    /** The catalogue shipped with the code, read once. */
    public static InterventionCatalogue bundled() {
        return Bundled.CATALOGUE;
    }

    private static final class Bundled {
        static final InterventionCatalogue CATALOGUE = load();

        private static InterventionCatalogue load() {
            InputStream in = InterventionCatalogue.class.getResourceAsStream(BUNDLED);
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the class path");
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return parse(r, BUNDLED);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Optional<Intervention> byId(String id) {
        for (Intervention i : interventions) {
            if (i.id().equals(id)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The interventions whose age range includes {@code age}, in catalogue order. */
    /** The youngest age any intervention suits. */
    public int minAge() {
        return interventions.stream().mapToInt(Intervention::minAge).min().orElse(0);
    }

    /** The oldest age any intervention suits. */
    public int maxAge() {
        return interventions.stream().mapToInt(Intervention::maxAge).max().orElse(0);
    }

    public List<Intervention> suitableFor(int age) {
        return interventions.stream().filter(i -> i.suitsAge(age)).toList();
    }

    /**
     * Reads a catalogue strictly: every field present with its type, known slots and categories, snake_case ids
     * that are unique, no unknown fields. The first problem is thrown, naming {@code name}, the entry index and
     * the field, e.g. {@code interventions[3].slots: unknown slot 'noon'}.
     */
    public static InterventionCatalogue parse(Reader in, String name) {
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(in);
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new CatalogueException(name + ": text after the catalogue's closing brace");
            }
        } catch (JsonParseException | IOException e) {
            throw new CatalogueException(name + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new CatalogueException(name + ": the catalogue must be a JSON object");
        }
        JsonObject obj = root.getAsJsonObject();
        Fields top = new Fields(name, "");
        String version = top.string(obj, "version");
        JsonArray entries = top.array(obj, "interventions");
        List<Intervention> out = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = "interventions[" + i + "]";
            Fields f = new Fields(name, path + ".");
            if (!entries.get(i).isJsonObject()) {
                throw f.error(path, "must be an object");
            }
            JsonObject e = entries.get(i).getAsJsonObject();
            for (String key : e.keySet()) {
                if (!ENTRY_FIELDS.contains(key)) {
                    throw f.error(key, "unknown field");
                }
            }
            String id = f.string(e, "id");
            if (!SNAKE_CASE.matcher(id).matches()) {
                throw f.error("id", "'" + id + "' is not snake_case");
            }
            Integer before = seen.putIfAbsent(id, i);
            if (before != null) {
                throw f.error("id", "'" + id + "' already used by interventions[" + before + "]");
            }
            String category = f.string(e, "category");
            if (!Intervention.CATEGORIES.contains(category)) {
                throw f.error("category", "unknown category '" + category + "'");
            }
            JsonArray slotArray = f.array(e, "slots");
            if (slotArray.isEmpty()) {
                throw f.error("slots", "needs at least one slot");
            }
            Set<DaySlot> slots = EnumSet.noneOf(DaySlot.class);
            for (String label : f.strings(slotArray, "slots")) {
                slots.add(DaySlot.ofLabel(label).orElseThrow(() -> f.error("slots", "unknown slot '" + label + "'")));
            }
            int minAge = f.integer(e, "minAge");
            int maxAge = f.integer(e, "maxAge");
            if (minAge < 3 || maxAge > 25 || minAge > maxAge) {
                throw f.error("maxAge", "age range " + minAge + ".." + maxAge + " must lie in 3..25, min <= max");
            }
            int duration = f.integer(e, "durationMinutes");
            if (duration < 1 || duration > 240) {
                throw f.error("durationMinutes", "must be 1..240, was " + duration);
            }
            List<String> templates = f.strings(f.array(e, "templates"), "templates");
            if (templates.isEmpty() || templates.size() > 3) {
                throw f.error("templates", "needs 1 to 3 sentences, had " + templates.size());
            }
            for (String t : templates) {
                if (t.isBlank()) {
                    throw f.error("templates", "a template is blank");
                }
            }
            List<String> cautions = f.strings(f.array(e, "cautions"), "cautions");
            if (!e.has("evidence") || !e.get("evidence").isJsonObject()) {
                throw f.error("evidence", "must be an object with note and reference");
            }
            JsonObject ev = e.getAsJsonObject("evidence");
            Fields evf = new Fields(name, path + ".evidence.");
            Evidence evidence = new Evidence(evf.string(ev, "note"), evf.string(ev, "reference"));
            String causalType = null;
            if (e.has("causalType") && !e.get("causalType").isJsonNull()) {
                causalType = f.string(e, "causalType");
                if (!SNAKE_CASE.matcher(causalType).matches()) {
                    throw f.error("causalType", "'" + causalType + "' is not snake_case");
                }
            }
            out.add(new Intervention(
                    id, category, slots, minAge, maxAge, duration, templates, cautions, evidence, causalType));
        }
        return new InterventionCatalogue(version, out);
    }

    /** Typed reads that name the field on failure. */
    private record Fields(String source, String prefix) {
        CatalogueException error(String field, String problem) {
            String where = field.startsWith("interventions[") ? field : prefix + field;
            return new CatalogueException(source + ": " + where + ": " + problem);
        }

        private JsonElement required(JsonObject o, String field) {
            JsonElement e = o.get(field);
            if (e == null || e.isJsonNull()) {
                throw error(field, "missing");
            }
            return e;
        }

        String string(JsonObject o, String field) {
            JsonElement e = required(o, field);
            if (!(e instanceof JsonPrimitive p)
                    || !p.isString()
                    || p.getAsString().isBlank()) {
                throw error(field, "must be a non-empty string");
            }
            return p.getAsString();
        }

        int integer(JsonObject o, String field) {
            JsonElement e = required(o, field);
            if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
                throw error(field, "must be a whole number");
            }
            double v = p.getAsDouble();
            if (v != Math.rint(v) || Math.abs(v) > 1_000_000) {
                throw error(field, "must be a whole number, was " + p.getAsString());
            }
            return (int) v;
        }

        JsonArray array(JsonObject o, String field) {
            JsonElement e = required(o, field);
            if (!e.isJsonArray()) {
                throw error(field, "must be a list");
            }
            return e.getAsJsonArray();
        }

        List<String> strings(JsonArray a, String field) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                if (!(a.get(i) instanceof JsonPrimitive p) || !p.isString()) {
                    throw error(field, "item " + i + " must be a string");
                }
                out.add(p.getAsString());
            }
            return out;
        }
    }
}

package org.zenmoon.interfaces.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import org.zenmoon.analysis.chronotype.ChronotypeCategory;

/**
 * JSON-B settings for the API: absent values are written as {@code null} rather than left out, and enumerations
 * of the API are spelled as API.md shows them ({@code night_owl}).
 */
@Provider
public class JsonConfig implements ContextResolver<Jsonb> {

    private final Jsonb jsonb =
            JsonbBuilder.create(new JsonbConfig().withNullValues(true).withAdapters(new ChronotypeCategoryAdapter()));

    /** {@code NIGHT_OWL} as {@code night_owl}, both ways. */
    public static class ChronotypeCategoryAdapter implements JsonbAdapter<ChronotypeCategory, String> {
        @Override
        public String adaptToJson(ChronotypeCategory category) {
            return category.label();
        }

        @Override
        public ChronotypeCategory adaptFromJson(String label) {
            return ChronotypeCategory.valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }
}

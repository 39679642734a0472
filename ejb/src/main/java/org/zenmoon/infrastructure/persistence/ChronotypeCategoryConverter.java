package org.zenmoon.infrastructure.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;
import org.zenmoon.analysis.chronotype.ChronotypeCategory;

/** Stores a chronotype category as the API spells it ({@code night_owl}), which the schema's check admits. */
@Converter(autoApply = true)
public class ChronotypeCategoryConverter implements AttributeConverter<ChronotypeCategory, String> {

    @Override
    public String convertToDatabaseColumn(ChronotypeCategory category) {
        return category == null ? null : category.label();
    }

    @Override
    public ChronotypeCategory convertToEntityAttribute(String label) {
        return label == null ? null : ChronotypeCategory.valueOf(label.toUpperCase(Locale.ROOT));
    }
}

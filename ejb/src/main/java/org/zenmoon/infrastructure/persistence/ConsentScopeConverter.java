package org.zenmoon.infrastructure.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.zenmoon.domain.model.consent.ConsentScope;

/** Stores a consent scope as the API spells it ({@code model_training}), which the schema's check admits. */
@Converter(autoApply = true)
public class ConsentScopeConverter implements AttributeConverter<ConsentScope, String> {

    @Override
    public String convertToDatabaseColumn(ConsentScope scope) {
        return scope == null ? null : scope.label();
    }

    @Override
    public ConsentScope convertToEntityAttribute(String label) {
        return label == null
                ? null
                : ConsentScope.ofLabel(label)
                        .orElseThrow(() -> new IllegalStateException("unknown consent scope in the database"));
    }
}

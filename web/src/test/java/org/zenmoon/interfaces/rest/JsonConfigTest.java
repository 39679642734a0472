package org.zenmoon.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.chronotype.ChronotypeCategory;

/** The API spells chronotype categories as API.md does, whatever the Java constants are called. */
class JsonConfigTest {

    @Test
    void categoriesAreWrittenAndReadInTheApisSpelling() {
        var adapter = new JsonConfig.ChronotypeCategoryAdapter();
        assertThat(adapter.adaptToJson(ChronotypeCategory.NIGHT_OWL)).isEqualTo("night_owl");
        assertThat(adapter.adaptToJson(ChronotypeCategory.EARLY_BIRD)).isEqualTo("early_bird");
        for (ChronotypeCategory c : ChronotypeCategory.values()) {
            assertThat(adapter.adaptFromJson(adapter.adaptToJson(c))).isEqualTo(c);
        }
    }
}

package org.zenmoon.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.epoch.EpochRecord;

class EpochCsvTest {

    @Test
    void aMinuteIsOneLineWithEmptyFieldsForMissingMeasures() {
        EpochRecord e = new EpochRecord(
                Instant.parse("2026-03-02T08:15:00Z"),
                92.5f,
                null,
                3.2f,
                120,
                0.61f,
                "WAKE",
                null,
                1,
                true,
                0.05f,
                "dev-1",
                42);
        assertThat(EpochCsv.line(e))
                .isEqualTo("2026-03-02T08:15:00Z,92.5,,3.2,120,42,0.61,WAKE,,1,true,0.05,dev-1\r\n");
        assertThat(EpochCsv.HEADER.split(",")).hasSize(13);
        assertThat(EpochCsv.HEADER.split(",")[5]).isEqualTo("steps");
    }

    @Test
    void textThatCouldBreakTheFileOrASpreadsheetIsQuotedOrDefused() {
        assertThat(EpochCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(EpochCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(EpochCsv.field("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
    }
}

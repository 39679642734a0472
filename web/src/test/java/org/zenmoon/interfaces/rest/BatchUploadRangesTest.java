package org.zenmoon.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** An upload's body is checked field by field, and its timestamps read as the general ISO-8601 parser reads them. */
class BatchUploadRangesTest {

    static UploadValidation validation() {
        UploadValidation v = new UploadValidation();
        v.factory = Validation.buildDefaultValidatorFactory();
        v.init();
        return v;
    }

    static BatchUpload.EpochUpload epoch(String t) {
        BatchUpload.EpochUpload e = new BatchUpload.EpochUpload();
        e.t = t;
        e.hr = 80.0;
        e.stress = 0.4;
        e.quality = 1.0;
        return e;
    }

    /** The bad fields and their messages, as the problem document names them. */
    static Map<String, String> invalid(BatchUpload b) {
        ConstraintViolationException e =
                catchThrowableOfType(() -> validation().valid(b), ConstraintViolationException.class);
        Map<String, String> fields = new TreeMap<>();
        if (e != null) {
            e.getConstraintViolations().forEach(v -> fields.put(ProblemMappers.field(v), v.getMessage()));
        }
        return fields;
    }

    @Test
    void everyBadMeasureIsNamedWithItsIndexAndTheBoundsIncluded() {
        BatchUpload b = new BatchUpload();
        b.batchId = "b-1";
        b.epochs = new ArrayList<>(List.of(
                epoch("2026-03-02T08:15:00Z"), epoch("2026-03-02T08:16:00Z"), epoch("2026-03-02T08:17:00+01:00")));
        b.epochs.get(0).hr = 25.0;
        b.epochs.get(0).stress = 1.0;
        b.epochs.get(0).quality = 0.0;
        assertThat(invalid(b)).isEmpty();

        b.epochs.get(1).hr = 24.9;
        b.epochs.get(1).stress = Double.NaN;
        b.epochs.get(2).eda = 100.5;
        b.epochs.get(2).anomaly = -0.01;
        b.epochs.get(2).t = "2026-02-30T08:17:00Z";
        assertThat(invalid(b))
                .containsOnly(
                        Map.entry("epochs[1].hr", "must be between 25 and 250"),
                        Map.entry("epochs[1].stress", "must be between 0 and 1"),
                        Map.entry("epochs[2].eda", "must be between 0 and 100"),
                        Map.entry("epochs[2].anomaly", "must be between 0 and 1"),
                        Map.entry(
                                "epochs[2].t",
                                "must be an ISO-8601 timestamp with an offset, e.g. 2026-03-02T08:15:00Z"));
    }

    @Test
    void theQuickReadingOfUtcTimestampsAgreesWithTheGeneralParser() {
        List<String> values = List.of(
                "2026-03-02T08:15:00Z",
                "1970-01-01T00:00:00Z",
                "0000-01-01T00:00:00Z",
                "2024-02-29T23:59:59Z",
                "2025-02-29T12:00:00Z",
                "2026-04-31T12:00:00Z",
                "2026-13-01T12:00:00Z",
                "2026-00-01T12:00:00Z",
                "2026-03-00T12:00:00Z",
                "2026-03-02T24:00:00Z",
                "2026-03-02T23:60:00Z",
                "2026-03-02T23:59:60Z",
                "2026-03-02T08:15:00z",
                "2026-03-02 08:15:00Z",
                "2026-03-02T08:15:0xZ",
                "+026-03-02T08:15:00Z",
                "2026-03-02T08:15:00+01:00",
                "2026-03-02T08:15:00.5Z",
                "2026-03-02T08:15Z",
                "2026-03-02");
        int quick = 0;
        for (String v : values) {
            Instant general;
            try {
                general = OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                general = null;
            }
            Instant utc = IsoTimestamp.Check.utc(v);
            if (utc != null) {
                quick++;
                assertThat(utc).as(v).isEqualTo(general);
            }
            // Year 0 reads alike both ways, but lies before the bounds every timestamp must keep to.
            assertThat(new IsoTimestamp.Check().isValid(v, null))
                    .as(v)
                    .isEqualTo(general != null && !v.startsWith("0000-"));
            if (general != null) {
                assertThat(IsoTimestamp.Check.instant(v)).as(v).isEqualTo(general);
            }
        }
        assertThat(quick).as("the UTC values read the quick way").isEqualTo(4);
    }
}

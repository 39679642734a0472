package org.zenmoon.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.zenmoon.application.ChildExport;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * Writes a child's export (GDPR Art. 20) as the API's {@code GET /children/{id}/export} and {@code .../epochs.csv}
 * answer it, for the API and for the portal's children page alike: the audited {@link ChildExport} call comes first
 * (its refusal is the caller's to answer), then the epochs follow page by page, never all in memory.
 */
public final class ChildExportStream {

    /** Epochs fetched per transaction while an export streams. */
    static final int EPOCH_PAGE = 5_000;

    private ChildExportStream() {}

    /** The document {@link ChildExport#document} made, with the child's epochs last, as one JSON object. */
    public static void writeJson(OutputStream out, JsonObject document, ChildExport exports, String childId) {
        try (JsonGenerator json = Json.createGenerator(out)) {
            json.writeStartObject();
            document.forEach(json::write);
            json.writeStartArray("epochs");
            forEachEpoch(exports, childId, e -> json.write(ChildResource.epochJson(e)));
            json.writeEnd();
            json.writeEnd();
        }
    }

    /** The child's epochs as CSV, after an audited {@link ChildExport#epochs} call. */
    public static void writeCsv(OutputStream out, ChildExport exports, String childId) throws IOException {
        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        csv.write(EpochCsv.HEADER);
        forEachEpoch(exports, childId, e -> {
            try {
                csv.write(EpochCsv.line(e));
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        });
        csv.flush();
    }

    /** Every epoch of the child in time order, one page (one transaction) at a time. */
    private static void forEachEpoch(ChildExport exports, String childId, Consumer<EpochRecord> each) {
        Instant after = null;
        List<EpochRecord> page;
        do {
            page = exports.epochsAfter(childId, after, EPOCH_PAGE);
            page.forEach(each);
            after = page.isEmpty() ? after : page.get(page.size() - 1).t();
        } while (page.size() == EPOCH_PAGE);
    }
}

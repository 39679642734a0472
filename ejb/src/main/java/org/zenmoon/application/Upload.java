package org.zenmoon.application;

import java.time.Instant;
import java.util.List;
import org.zenmoon.domain.model.device.UploadRepository;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * One batch from a paired device, as any channel (REST, MQTT, Open mHealth) hands it to {@link Ingestion}: already
 * checked for shape and ranges by the channel; the lists keep the order the client sent, so that a problem can name
 * {@code epochs[17].t}.
 *
 * @param deviceId the device the client says it is, or null; it must be the device whose token came with it
 * @param phoneSentAt the phone's clock when it sent the batch, or null
 */
public record Upload(
        String batchId,
        String deviceId,
        Channel channel,
        Instant phoneSentAt,
        List<EpochRecord> epochs,
        List<UploadRepository.Event> events,
        List<UploadRepository.Episode> sleepEpisodes) {

    /** The way a batch came in, as {@code ingest_batch.channel} stores it. */
    public enum Channel {
        REST,
        MQTT,
        OMH;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Upload {
        epochs = epochs == null ? List.of() : epochs;
        events = events == null ? List.of() : events;
        sleepEpisodes = sleepEpisodes == null ? List.of() : sleepEpisodes;
    }

    /**
     * Whether a minute this device stored before takes the measures it lacks from this upload, instead of counting
     * as a duplicate. Open mHealth sends each measure as a data point of its own, often in separate requests (the
     * heart rate, later the step counts of the same hours), so its minutes complete each other; a batch from the
     * wearable holds whole minutes, and a minute sent again is the same minute.
     */
    public boolean completesStoredMinutes() {
        return channel == Channel.OMH;
    }

    public int items() {
        return epochs.size() + events.size() + sleepEpisodes.size();
    }
}

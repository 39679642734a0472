package org.zenmoon.interfaces.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.zenmoon.application.Upload;
import org.zenmoon.domain.model.device.UploadRepository;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * The body of {@code POST /ingest/batches} and of an MQTT upload (../shared/API.md): a batch id chosen once by the
 * phone, and the epochs, events and sleep episodes it holds. Bean Validation checks every field, so a problem names
 * each bad one with its index ({@code epochs[17].hr}); {@link #toUpload} hands the batch to the service.
 */
public class BatchUpload {

    /** Epochs per batch: three days of minutes, some 650 kB of JSON, under the 1 MiB body limit. A phone that buffered longer sends several batches. */
    public static final int MAX_EPOCHS = 4_320;

    public static final int MAX_EPISODES = 100;

    public static final int MAX_EVENTS = 100;

    private static final String REQUIRED = "must be given";

    @NotNull(message = REQUIRED)
    @Pattern(
            regexp = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}",
            message = "must be 1 to 64 letters, digits, '.', '_', ':' or '-'")
    public String batchId;

    @Size(max = 36, message = "must be at most 36 characters")
    @Pattern(regexp = Requests.NO_CONTROL_CHARACTERS, message = Requests.NO_CONTROL_CHARACTERS_MESSAGE)
    public String deviceId;

    /** The phone's clock when it sent the batch: the server compares it with its own. */
    @IsoTimestamp
    public String sentAt;

    @Size(max = MAX_EPOCHS, message = "must hold at most " + MAX_EPOCHS + " epochs; send the rest in another batch")
    public List<@NotNull(message = REQUIRED) @Valid EpochUpload> epochs;

    @Size(max = MAX_EVENTS, message = "must hold at most " + MAX_EVENTS + " events")
    public List<@NotNull(message = REQUIRED) @Valid EventUpload> events;

    @Size(max = MAX_EPISODES, message = "must hold at most " + MAX_EPISODES + " sleep episodes")
    public List<@NotNull(message = REQUIRED) @Valid EpisodeUpload> sleepEpisodes;

    /** One minute: {@code t} is the minute's start; every measure is optional, its range checked. */
    public static class EpochUpload {

        @NotNull(message = REQUIRED)
        @IsoTimestamp
        public String t;

        @Between(min = 25, max = 250, message = "must be between 25 and 250")
        public Double hr;

        @Between(min = 0, max = 1000, message = "must be between 0 and 1000")
        public Double rmssd;

        @Between(min = 0, max = 100, message = "must be between 0 and 100")
        public Double eda;

        @Min(value = 0, message = "must be between 0 and 65535")
        @Max(value = 65_535, message = "must be between 0 and 65535")
        public Integer activity;

        @Between(min = 0, max = 1, message = "must be between 0 and 1")
        public Double stress;

        @Pattern(regexp = "WAKE|SLEEP|UNKNOWN", message = "must be WAKE, SLEEP or UNKNOWN")
        public String sleep;

        @Between(min = 0, max = 1, message = "must be between 0 and 1")
        public Double quality;

        @Min(value = 0, message = "must be between 0 and 254")
        @Max(value = 254, message = "must be between 0 and 254")
        public Integer scr;

        public Boolean wear;

        @Between(min = 0, max = 1, message = "must be between 0 and 1")
        public Double anomaly;

        /** The wearable's sequence number of the minute (FRAME.md); the phone uses it, the server does not keep it. */
        @Min(value = 0, message = "must not be negative")
        public Long seq;

        EpochRecord toRecord(String deviceId) {
            return new EpochRecord(
                    IsoTimestamp.Check.instant(t),
                    real(hr),
                    real(rmssd),
                    real(eda),
                    activity,
                    real(stress),
                    sleep,
                    real(quality),
                    scr,
                    wear,
                    real(anomaly),
                    deviceId);
        }

        private static Float real(Double d) {
            return d == null ? null : d.floatValue();
        }
    }

    /** An event the phone reports for its child, such as {@code math_test}. */
    public static class EventUpload {

        @NotNull(message = Requests.ACTIVITY_TYPE_MESSAGE)
        @Pattern(regexp = Requests.ACTIVITY_TYPE, message = Requests.ACTIVITY_TYPE_MESSAGE)
        public String type;

        @NotNull(message = REQUIRED)
        @IsoTimestamp
        public String start;

        @NotNull(message = REQUIRED)
        @IsoTimestamp
        public String end;

        @Pattern(regexp = "[a-z][a-z_]{0,15}", message = "must be 1 to 16 lower-case letters or underscores")
        public String source;
    }

    /** A night's sleep as the device or the family reports it. */
    public static class EpisodeUpload {

        @NotNull(message = REQUIRED)
        @IsoTimestamp
        public String onset;

        @NotNull(message = REQUIRED)
        @IsoTimestamp
        public String wake;

        @Pattern(regexp = "device|reported", message = "must be device or reported")
        public String source;
    }

    /** The batch for the service, once Bean Validation has passed it. */
    public Upload toUpload(Upload.Channel channel) {
        return new Upload(
                batchId,
                deviceId,
                channel,
                sentAt == null ? null : IsoTimestamp.Check.instant(sentAt),
                epochs == null
                        ? List.of()
                        : epochs.stream().map(e -> e.toRecord(deviceId)).toList(),
                events == null
                        ? List.of()
                        : events.stream()
                                .map(e -> new UploadRepository.Event(
                                        e.type,
                                        IsoTimestamp.Check.instant(e.start),
                                        IsoTimestamp.Check.instant(e.end),
                                        e.source == null ? "phone" : e.source))
                                .toList(),
                sleepEpisodes == null
                        ? List.of()
                        : sleepEpisodes.stream()
                                .map(e -> new UploadRepository.Episode(
                                        IsoTimestamp.Check.instant(e.onset),
                                        IsoTimestamp.Check.instant(e.wake),
                                        e.source == null ? "device" : e.source))
                                .toList());
    }
}

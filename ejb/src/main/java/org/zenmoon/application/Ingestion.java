package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.consent.ConsentScope;
import org.zenmoon.domain.model.device.Device;
import org.zenmoon.domain.model.device.DeviceRepository;
import org.zenmoon.domain.model.device.UploadRepository;
import org.zenmoon.domain.model.device.UploadedBatch;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * Stores what a paired device uploads, for its own child only: all of a batch or none of it, once per device and
 * batch id, and each minute once per child. Every channel (REST, MQTT, Open mHealth) comes through here, so the
 * rules are the same whichever way a batch arrives. The caller is the device (its token, checked by the entry
 * point); the device's child must have active collection consent.
 */
@Stateless
@TenantBound
public class Ingestion {

    @Inject
    CallerContext callers;

    @Inject
    DeviceRepository devices;

    @Inject
    UploadRepository uploads;

    @Inject
    ConsentCheck consent;

    @Inject
    AlertRules alertRules;

    @Inject
    Clock clock;

    @Inject
    ResultCache cache;

    @Inject
    @ConfigProperty(name = "zenmoon.ingest.max-clock-skew-seconds", defaultValue = "300")
    long maxClockSkewSeconds;

    @Inject
    @ConfigProperty(name = "zenmoon.ingest.max-age-days", defaultValue = "400")
    long maxAgeDays;

    @Requires(Permission.UPLOAD_DATA)
    @Audited("write")
    public UploadReceipt upload(Upload upload) {
        Caller caller = callers.current();
        if (upload.deviceId() != null && !upload.deviceId().equals(caller.userId())) {
            throw ForbiddenException.because("A device uploads with its own token only.");
        }
        Device device = devices.find(caller.userId())
                .filter(d -> !d.isRevoked())
                .orElseThrow(() -> ForbiddenException.because("The device is not paired any more."));
        String childId = device.getChildId();
        if (!uploads.lockChild(childId)) {
            throw new NotFoundException("Child");
        }
        consent.requireActive(childId, ConsentScope.COLLECTION);
        Instant now = clock.instant();
        check(upload, now);

        Integer skew = upload.phoneSentAt() == null
                ? null
                : (int) Math.max(
                        Integer.MIN_VALUE,
                        Math.min(
                                Integer.MAX_VALUE,
                                Duration.between(now, upload.phoneSentAt()).getSeconds()));
        boolean flagged = skew != null && Math.abs((long) skew) > maxClockSkewSeconds;
        List<EpochRecord> distinct = distinctMinutes(upload.epochs());
        Instant first =
                distinct.stream().map(EpochRecord::t).min(Instant::compareTo).orElse(null);
        Instant last =
                distinct.stream().map(EpochRecord::t).max(Instant::compareTo).orElse(null);
        int items = upload.items();
        UploadedBatch claim = new UploadedBatch(
                device.getId(),
                upload.batchId(),
                childId,
                upload.channel().label(),
                now,
                upload.phoneSentAt(),
                skew,
                flagged,
                first,
                last,
                items,
                0,
                0);
        if (!uploads.claim(claim)) {
            // Sent before (a retry after a lost answer): nothing is stored twice, everything counts as a duplicate.
            return new UploadReceipt(upload.batchId(), childId, 0, items, flagged);
        }
        List<EpochRecord> fresh = upload.completesStoredMinutes()
                ? uploads.insertOrCompleteEpochs(childId, device.getId(), distinct)
                : uploads.insertEpochs(childId, device.getId(), distinct);
        alertRules.check(caller.tenantId(), childId, fresh);
        int accepted = fresh.size()
                + uploads.insertEpisodes(childId, upload.sleepEpisodes())
                + uploads.insertEvents(childId, upload.events());
        uploads.complete(device.getId(), upload.batchId(), accepted, items - accepted);
        if (accepted > 0) {
            // The child's forecasts and its cohort's summary are read afresh once this upload has committed.
            cache.childChanged(childId);
        }
        return new UploadReceipt(upload.batchId(), childId, accepted, items - accepted, flagged);
    }

    /**
     * What only the server can check, every bad field named: minutes start on the minute, nothing lies in the future
     * beyond the allowed clock skew or further back than {@code zenmoon.ingest.max-age-days}, and periods end after
     * they start.
     */
    private void check(Upload upload, Instant now) {
        Instant latest = now.plusSeconds(maxClockSkewSeconds);
        Instant earliest = now.minus(Duration.ofDays(maxAgeDays));
        Map<String, String> bad = new LinkedHashMap<>();
        List<EpochRecord> epochs = upload.epochs();
        for (int i = 0; i < epochs.size(); i++) {
            Instant t = epochs.get(i).t();
            String field = "epochs[" + i + "].t";
            if (t.getEpochSecond() % 60 != 0 || t.getNano() != 0) {
                bad.put(field, "must be the start of a minute (seconds 00)");
            } else {
                when(bad, field, t, earliest, latest);
            }
        }
        for (int i = 0; i < upload.sleepEpisodes().size(); i++) {
            UploadRepository.Episode e = upload.sleepEpisodes().get(i);
            when(bad, "sleepEpisodes[" + i + "].onset", e.onset(), earliest, latest);
            when(bad, "sleepEpisodes[" + i + "].wake", e.wake(), earliest, latest);
            if (!e.wake().isAfter(e.onset())) {
                bad.put("sleepEpisodes[" + i + "].wake", "must be after onset");
            } else if (Duration.between(e.onset(), e.wake()).compareTo(Duration.ofHours(24)) > 0) {
                bad.put("sleepEpisodes[" + i + "].wake", "must be at most 24 hours after onset");
            }
        }
        for (int i = 0; i < upload.events().size(); i++) {
            UploadRepository.Event e = upload.events().get(i);
            when(bad, "events[" + i + "].start", e.start(), earliest, latest.plus(Duration.ofDays(366)));
            if (e.end().isBefore(e.start())) {
                bad.put("events[" + i + "].end", "must not be before start");
            } else if (Duration.between(e.start(), e.end()).compareTo(Duration.ofDays(31)) > 0) {
                bad.put("events[" + i + "].end", "must be at most 31 days after start");
            }
        }
        if (!bad.isEmpty()) {
            throw new InvalidInputException(bad);
        }
    }

    private void when(Map<String, String> bad, String field, Instant t, Instant earliest, Instant latest) {
        if (t.isAfter(latest)) {
            bad.put(field, "lies in the future (more than " + maxClockSkewSeconds + " s ahead of the server's clock)");
        } else if (t.isBefore(earliest)) {
            bad.put(field, "is older than " + maxAgeDays + " days");
        }
    }

    /** The first of each minute the batch holds twice; the second counts as a duplicate. */
    private static List<EpochRecord> distinctMinutes(List<EpochRecord> epochs) {
        Set<Instant> seen = new HashSet<>(epochs.size() * 2);
        List<EpochRecord> distinct = new ArrayList<>(epochs.size());
        for (EpochRecord e : epochs) {
            if (seen.add(e.t().truncatedTo(ChronoUnit.MINUTES))) {
                distinct.add(e);
            }
        }
        return distinct;
    }
}

package org.zenmoon.domain.model.epoch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.zenmoon.domain.model.tenant.TenantOwned;

/** One minute of a child's wearable data; {@code t} is the minute's start. Measures may be missing. */
@Entity
@Table(name = "epoch")
@IdClass(Epoch.Key.class)
public class Epoch extends TenantOwned {

    @Id
    @Column(name = "child_id")
    private String childId;

    @Id
    @Column(name = "t")
    private Instant t;

    private Float hr;
    private Float rmssd;
    private Float eda;
    private Integer activity;
    private Float stress;

    @Enumerated(EnumType.STRING)
    @Column(name = "sleep_state")
    private SleepState sleep;

    private Float quality;

    @Column(name = "device_id")
    private String deviceId;

    protected Epoch() {}

    public Epoch(
            String childId,
            Instant t,
            Float hr,
            Float rmssd,
            Float eda,
            Integer activity,
            Float stress,
            SleepState sleep,
            Float quality,
            String deviceId) {
        this.childId = childId;
        this.t = t;
        this.hr = hr;
        this.rmssd = rmssd;
        this.eda = eda;
        this.activity = activity;
        this.stress = stress;
        this.sleep = sleep;
        this.quality = quality;
        this.deviceId = deviceId;
    }

    public String getChildId() {
        return childId;
    }

    public Instant getT() {
        return t;
    }

    public Float getHr() {
        return hr;
    }

    public Integer getActivity() {
        return activity;
    }

    public SleepState getSleep() {
        return sleep;
    }

    public String getDeviceId() {
        return deviceId;
    }

    /** Composite key (child, minute). */
    public static class Key implements Serializable {
        private String childId;
        private Instant t;

        public Key() {}

        public Key(String childId, Instant t) {
            this.childId = childId;
            this.t = t;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(childId, k.childId) && Objects.equals(t, k.t);
        }

        @Override
        public int hashCode() {
            return Objects.hash(childId, t);
        }
    }
}

package org.zenmoon.domain.model.sleep;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.zenmoon.domain.model.tenant.TenantOwned;

/** One sleep episode of a child, as the device reported it or the sleep detector found it. */
@Entity
@Table(name = "sleep_episode")
public class SleepEpisode extends TenantOwned {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "child_id", nullable = false)
    private String childId;

    @Column(name = "onset", nullable = false)
    private Instant onset;

    @Column(name = "wake", nullable = false)
    private Instant wake;

    @Column(name = "source", nullable = false)
    private String source;

    protected SleepEpisode() {}

    public SleepEpisode(String id, String childId, Instant onset, Instant wake, String source) {
        this.id = id;
        this.childId = childId;
        this.onset = onset;
        this.wake = wake;
        this.source = source;
    }

    public String getId() {
        return id;
    }

    public String getChildId() {
        return childId;
    }

    public Instant getOnset() {
        return onset;
    }

    public Instant getWake() {
        return wake;
    }

    public String getSource() {
        return source;
    }
}

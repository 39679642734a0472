package org.zenmoon.domain.model.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A school or clinic: the hard wall around its children, staff and data. */
@Entity
@Table(name = "tenant")
public class Tenant {

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TenantKind kind;

    @Column(name = "legal_regime", nullable = false)
    private String legalRegime;

    @Column(name = "retention_days", nullable = false)
    private int retentionDays;

    /** The tenant's time zone (IANA region id): when its nightly jobs run. */
    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    protected Tenant() {}

    public Tenant(String id, String name, TenantKind kind, String legalRegime, int retentionDays) {
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.legalRegime = legalRegime;
        this.retentionDays = retentionDays;
        this.timeZone = "UTC";
    }

    /** How many days the tenant keeps a child's data before the nightly retention job deletes it; checked by the caller. */
    public void changeRetentionDays(int retentionDays) {
        this.retentionDays = retentionDays;
    }

    /** The time zone its nightly jobs run in: an IANA region id, checked by the caller. */
    public void changeTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public String getTimeZone() {
        return timeZone == null ? "UTC" : timeZone;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public TenantKind getKind() {
        return kind;
    }

    public String getLegalRegime() {
        return legalRegime;
    }

    public int getRetentionDays() {
        return retentionDays;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}

package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.tenant.Tenant;
import org.zenmoon.domain.model.tenant.TenantKind;
import org.zenmoon.domain.model.tenant.TenantRepository;

/**
 * A tenant admin's own school or clinic: its name, kind and legal regime to read, and the two settings it changes
 * itself. The retention period says how many days a child's data is kept before the nightly retention job deletes
 * it; the time zone says when the tenant's night is, and so when its nightly jobs run. Only the caller's own tenant
 * exists here; a change is stored whole or not at all, and is audited.
 */
@Stateless
@TenantBound
@Requires(Permission.MANAGE_SETTINGS)
public class TenantSettings {

    public static final int MIN_RETENTION_DAYS = 1;

    /** A hundred years: longer than any law asks a school or clinic to keep a child's records. */
    public static final int MAX_RETENTION_DAYS = 36500;

    /** As {@code POST /tenants} says it. */
    public static final String RETENTION_RULE = "must be 1 to 36500 days";

    public static final String TIME_ZONE_RULE =
            "must be a time zone region such as Europe/Berlin, America/New_York or UTC";

    /** The longest region id the column {@code tenant.time_zone} holds. */
    static final int TIME_ZONE_LENGTH = 64;

    /** What a tenant admin reads of its tenant. */
    public record Settings(
            String tenantId, String name, TenantKind kind, String legalRegime, int retentionDays, String timeZone) {}

    @Inject
    ResultCache cache;

    @Inject
    TenantRepository tenants;

    @Inject
    CallerContext callers;

    public Settings current() {
        return view(tenant());
    }

    /**
     * Changes the retention period, the time zone or both (null leaves one as it is). Nothing is stored unless every
     * value given is valid.
     *
     * @throws InvalidInputException naming each bad field ({@code retentionDays}, {@code timeZone}), or {@code body}
     *     when neither is given
     */
    @Audited("settings")
    public Settings change(Integer retentionDays, String timeZone) {
        Map<String, String> bad = new LinkedHashMap<>();
        if (retentionDays == null && timeZone == null) {
            throw new InvalidInputException("body", "must give retentionDays, timeZone or both");
        }
        if (retentionDays != null && !isRetentionDays(retentionDays)) {
            bad.put("retentionDays", RETENTION_RULE);
        }
        if (timeZone != null && !isTimeZone(timeZone)) {
            bad.put("timeZone", TIME_ZONE_RULE);
        }
        if (!bad.isEmpty()) {
            throw new InvalidInputException(bad);
        }
        Tenant tenant = tenant();
        if (retentionDays != null) {
            tenant.changeRetentionDays(retentionDays);
        }
        if (timeZone != null) {
            tenant.changeTimeZone(timeZone);
            // The cohort summaries' days follow the zone.
            cache.tenantChanged();
        }
        return view(tenant);
    }

    public static boolean isRetentionDays(int days) {
        return days >= MIN_RETENTION_DAYS && days <= MAX_RETENTION_DAYS;
    }

    /**
     * Whether {@code id} is a region id that {@link ZoneId#of} accepts ({@code Europe/Berlin}, {@code UTC}); not an
     * offset ({@code +01:00}), a prefixed offset ({@code GMT+1}) or an abbreviation it does not know.
     */
    public static boolean isTimeZone(String id) {
        return id != null
                && id.length() <= TIME_ZONE_LENGTH
                && ZoneId.getAvailableZoneIds().contains(id);
    }

    /** Every region id a tenant may choose, sorted. */
    public static List<String> timeZones() {
        Set<String> ids = ZoneId.getAvailableZoneIds();
        return ids.stream()
                .filter(id -> id.length() <= TIME_ZONE_LENGTH)
                .sorted()
                .toList();
    }

    private Tenant tenant() {
        return tenants.find(callers.current().tenantId()).orElseThrow(() -> new NotFoundException("Tenant"));
    }

    private static Settings view(Tenant t) {
        return new Settings(
                t.getId(), t.getName(), t.getKind(), t.getLegalRegime(), t.getRetentionDays(), t.getTimeZone());
    }
}

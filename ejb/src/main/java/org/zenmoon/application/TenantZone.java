package org.zenmoon.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.domain.model.tenant.Tenant;
import org.zenmoon.domain.model.tenant.TenantRepository;

/**
 * The one place that says which time zone a tenant's days, evenings, weekends and hours are counted in: the zone its
 * admin set ({@link TenantSettings}, {@code tenant.time_zone}). The analyses read their tenant's local nights and
 * days in it (sleep episodes, chronotype, daily records, forecast nights, the recommender's time of day, the cohort
 * days), and the times shown to people are written in it, with the zone named. Stored times stay instants (UTC).
 * A caller without a tenant (a platform admin), an unknown tenant or a zone this JVM no longer knows gets UTC.
 *
 * <p>The tenant of the unit of work comes from the bound caller ({@link CallerContext}), as it does for the tenant
 * wall: a request's user or device, or the admin a job runs for in one tenant. The services that read it are already
 * authorised and bound to that tenant, so {@link #current()} is theirs alone (package-private); the portal asks
 * {@link #forCaller()}.
 */
@ApplicationScoped
public class TenantZone {

    /** The zone of a tenant that set none, of a caller without a tenant, and of the demo tenants. */
    public static final ZoneId UTC = ZoneId.of("UTC");

    @Inject
    TenantRepository tenants;

    @Inject
    CallerContext callers;

    /** The zone of the caller's tenant, for the portal's pages to show times in. */
    @Requires(Permission.READ_CHILDREN)
    public ZoneId forCaller() {
        return current();
    }

    /** The zone of the bound caller's tenant; UTC for a caller without one. */
    ZoneId current() {
        return of(callers.current().tenantId());
    }

    /** The zone of the tenant {@code tenantId}; UTC for an unknown id or none. */
    ZoneId of(String tenantId) {
        if (tenantId == null) {
            return UTC;
        }
        return tenants.find(tenantId)
                .map(Tenant::getTimeZone)
                .map(TenantZone::zone)
                .orElse(UTC);
    }

    /** The region id as a zone; UTC for one this JVM's time zone data does not know (checked when it was set). */
    static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return UTC;
        }
    }
}

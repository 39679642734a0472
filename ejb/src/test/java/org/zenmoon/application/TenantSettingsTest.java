package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.tenant.Tenant;
import org.zenmoon.domain.model.tenant.TenantKind;
import org.zenmoon.domain.model.tenant.TenantRepository;
import org.zenmoon.domain.model.user.Role;

/** A tenant admin reads and changes its own tenant's retention period and time zone, all or nothing. */
class TenantSettingsTest {

    static final Caller ADMIN = new Caller("u1", "hill.admin", "t1", Set.of(Role.TENANT_ADMIN));

    final Tenant hillside = new Tenant("t1", "Hillside School", TenantKind.SCHOOL, "FERPA", 365);
    final Tenant elsewhere = new Tenant("t2", "Elsewhere Clinic", TenantKind.CLINIC, "HIPAA", 90);

    TenantSettings settings() {
        Map<String, Tenant> rows = Map.of("t1", hillside, "t2", elsewhere);
        TenantSettings s = new TenantSettings();
        s.tenants = (TenantRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {TenantRepository.class}, (p, m, args) -> {
                    if (m.getName().equals("find")) {
                        return Optional.ofNullable(rows.get((String) args[0]));
                    }
                    throw new AssertionError(m.getName());
                });
        s.callers = new CallerContext();
        s.cache = new ResultCache(); // without JCache, as a server without a provider runs
        return s;
    }

    @Test
    void anAdminReadsItsOwnTenantWithTheDefaultZone() throws Exception {
        TenantSettings s = settings();
        assertThat(s.callers.callAs(ADMIN, s::current))
                .isEqualTo(
                        new TenantSettings.Settings("t1", "Hillside School", TenantKind.SCHOOL, "FERPA", 365, "UTC"));
    }

    @Test
    void bothSettingsChangeTogetherOrOneAlone() throws Exception {
        TenantSettings s = settings();
        TenantSettings.Settings changed = s.callers.callAs(ADMIN, () -> s.change(730, "Europe/Berlin"));
        assertThat(changed.retentionDays()).isEqualTo(730);
        assertThat(changed.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(hillside.getRetentionDays()).isEqualTo(730);
        assertThat(hillside.getTimeZone()).isEqualTo("Europe/Berlin");

        s.callers.callAs(ADMIN, () -> s.change(null, "America/New_York"));
        assertThat(hillside.getRetentionDays()).as("left as it was").isEqualTo(730);
        assertThat(hillside.getTimeZone()).isEqualTo("America/New_York");
        s.callers.callAs(ADMIN, () -> s.change(36500, null));
        assertThat(hillside.getRetentionDays()).isEqualTo(36500);
        assertThat(hillside.getTimeZone()).isEqualTo("America/New_York");
        assertThat(elsewhere.getTimeZone()).as("the other tenant").isEqualTo("UTC");
        assertThat(elsewhere.getRetentionDays()).isEqualTo(90);
    }

    @Test
    void badValuesAreNamedTogetherAndNothingIsStored() {
        TenantSettings s = settings();
        assertThatThrownBy(() -> s.callers.callAs(ADMIN, () -> s.change(0, "Mars/Olympus_Mons")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fields())
                                .containsExactly(
                                        Map.entry("retentionDays", "must be 1 to 36500 days"),
                                        Map.entry("timeZone", TenantSettings.TIME_ZONE_RULE)));
        assertThatThrownBy(() -> s.callers.callAs(ADMIN, () -> s.change(400, "+01:00")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("timeZone"));
        assertThatThrownBy(() -> s.callers.callAs(ADMIN, () -> s.change(36501, "UTC")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("retentionDays"));
        assertThatThrownBy(() -> s.callers.callAs(ADMIN, () -> s.change(null, null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("body"));
        assertThat(hillside.getRetentionDays()).isEqualTo(365);
        assertThat(hillside.getTimeZone()).isEqualTo("UTC");
    }

    @Test
    void onlyRegionIdsThatZoneIdKnowsAreTimeZones() {
        assertThat(TenantSettings.isTimeZone("Europe/Berlin")).isTrue();
        assertThat(TenantSettings.isTimeZone("America/New_York")).isTrue();
        assertThat(TenantSettings.isTimeZone("UTC")).isTrue();
        assertThat(TenantSettings.isTimeZone("europe/berlin")).isFalse();
        assertThat(TenantSettings.isTimeZone("GMT+1")).isFalse();
        assertThat(TenantSettings.isTimeZone("Z")).isFalse();
        assertThat(TenantSettings.isTimeZone("")).isFalse();
        assertThat(TenantSettings.isTimeZone(null)).isFalse();
        assertThat(TenantSettings.timeZones())
                .contains("Europe/Berlin", "UTC")
                .doesNotContain("+01:00")
                .isSorted()
                .allSatisfy(id -> assertThat(TenantSettings.isTimeZone(id)).isTrue());
    }
}

package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.reflect.Proxy;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.chronotype.Chronotype;
import org.zenmoon.analysis.epoch.WearableEpoch;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.tenant.Tenant;
import org.zenmoon.domain.model.tenant.TenantKind;
import org.zenmoon.domain.model.tenant.TenantRepository;
import org.zenmoon.domain.model.user.Role;

/**
 * The chronotype job counts a child's nights in its tenant's time zone: a New York school's child who sleeps
 * 23:30 to 07:30 New York time on free nights has a mid-sleep of 03:30, not the 08:30 that UTC would make of it.
 */
class ChronotypeComputationTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Four winter weeks (EST, UTC-5) of minutes: school nights 21:30 to 05:30, free nights 23:30 to 07:30, local. */
    static List<WearableEpoch> plantedInNewYork() {
        List<WearableEpoch> epochs = new ArrayList<>();
        LocalDate first = LocalDate.of(2026, 1, 5);
        Instant start = first.atStartOfDay(NEW_YORK).toInstant();
        Instant end = first.plusDays(28).atStartOfDay(NEW_YORK).toInstant();
        long i = 0;
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(60), i++) {
            boolean asleep =
                    asleep(t.atZone(NEW_YORK).toLocalDate(), t.atZone(NEW_YORK).toLocalTime());
            // Awake: moving (counts vary) with a day-time heart rate; asleep: still, with a lower one.
            epochs.add(new WearableEpoch(
                    t, asleep ? 0.0 : 250.0 + (i * 37) % 200, asleep ? 58.0 : 92.0, asleep ? 0.2 : 0.4, null));
        }
        return epochs;
    }

    /** Whether the planted child sleeps at this local date and time. */
    static boolean asleep(LocalDate day, LocalTime time) {
        // A morning belongs to the night of the evening before.
        boolean morning = time.isBefore(LocalTime.NOON);
        LocalDate evening = morning ? day.minusDays(1) : day;
        DayOfWeek next = evening.plusDays(1).getDayOfWeek();
        boolean free = next == DayOfWeek.SATURDAY || next == DayOfWeek.SUNDAY;
        LocalTime onset = free ? LocalTime.of(23, 30) : LocalTime.of(21, 30);
        LocalTime wake = free ? LocalTime.of(7, 30) : LocalTime.of(5, 30);
        return morning ? time.isBefore(wake) : !time.isBefore(onset);
    }

    static ChronotypeComputation computation(String zone) {
        Tenant tenant = new Tenant("t1", "Hudson School", TenantKind.SCHOOL, "FERPA", 365);
        tenant.changeTimeZone(zone);
        Map<String, Tenant> rows = Map.of("t1", tenant);
        ChronotypeComputation c = new ChronotypeComputation();
        c.zones = new TenantZone();
        c.zones.tenants = (TenantRepository) Proxy.newProxyInstance(
                ChronotypeComputationTest.class.getClassLoader(),
                new Class<?>[] {TenantRepository.class},
                (p, m, args) -> {
                    if (m.getName().equals("find")) {
                        return Optional.ofNullable(rows.get((String) args[0]));
                    }
                    throw new AssertionError(m.getName());
                });
        c.zones.callers = new CallerContext();
        return c;
    }

    static Chronotype run(ChronotypeComputation c, List<WearableEpoch> epochs) throws Exception {
        Caller job = new Caller("u1", "hudson.admin", "t1", Set.of(Role.TENANT_ADMIN));
        return c.zones.callers.callAs(
                job,
                () -> c.analyse(
                        new ChildData.Recent(null, null, epochs, 0), 2014, Instant.parse("2026-02-03T09:00:00Z")));
    }

    @Test
    void aNewYorkSchoolsChildHasItsFreeDayMidSleepInNewYorkTime() throws Exception {
        Chronotype ny = run(computation("America/New_York"), plantedInNewYork());

        assertThat(ny.status()).as(ny.reason()).isEqualTo(Chronotype.Status.OK);
        assertThat(ny.freeNights()).as("Friday and Saturday nights, local").isEqualTo(8);
        assertThat(ny.msf())
                .as("free-day mid-sleep, minutes after local midnight")
                .isCloseTo(210.0, within(20.0));
        assertThat(ny.msfSc())
                .as("equal sleep on school and free nights: no correction")
                .isCloseTo(210.0, within(20.0));
        assertThat(ny.socialJetlag()).as("two hours later on free nights").isCloseTo(120.0, within(20.0));
    }

    @Test
    void theSameSleepInAUtcTenantIsFiveHoursLaterSoTheZoneIsWhatMovesIt() throws Exception {
        List<WearableEpoch> epochs = plantedInNewYork();
        Chronotype ny = run(computation("America/New_York"), epochs);
        Chronotype utc = run(computation("UTC"), epochs);

        assertThat(utc.status()).as(utc.reason()).isEqualTo(Chronotype.Status.OK);
        assertThat(utc.msfSc()).as("08:30 UTC").isCloseTo(510.0, within(20.0));
        assertThat(utc.msfSc() - ny.msfSc()).as("EST is five hours behind UTC").isCloseTo(300.0, within(1.0));
    }

    @Test
    void anUnknownTenantCountsInUtc() throws Exception {
        ChronotypeComputation c = computation("America/New_York");
        Caller elsewhere = new Caller("u2", "nobody", "t-unknown", Set.of(Role.TENANT_ADMIN));
        assertThat(c.zones.callers.callAs(elsewhere, c.zones::current)).isEqualTo(TenantZone.UTC);
        Caller platform = new Caller("u3", "admin", null, Set.of(Role.PLATFORM_ADMIN));
        assertThat(c.zones.callers.callAs(platform, c.zones::current)).isEqualTo(TenantZone.UTC);
    }
}

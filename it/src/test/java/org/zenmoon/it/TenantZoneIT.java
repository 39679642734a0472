package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analyses count a school's nights in its time zone. Two schools of their own get the same child's three weeks of
 * minutes, planted on New York's clock (school nights 21:30 to 05:30, free nights 23:30 to 07:30, all 8 hours): the
 * one whose admin set its time zone to America/New_York through {@code /admin/settings} gets the planted mid-sleep on
 * free days, 03:30, from the {@code chronotype} job; the one left on UTC gets the same sleep read on UTC's clock,
 * later by New York's offset. Only the zone differs, so the zone is what moves it.
 */
class TenantZoneIT {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final int DAYS = 21;

    static Http http;
    static LocalDate first;

    @BeforeAll
    static void threeWeeksWithoutAClockChange() throws Exception {
        http = new Http(SharedServer.get().baseUrl());
        // The 21 local days up to yesterday, moved back until no clock change falls inside: one offset throughout.
        LocalDate last = LocalDate.now(NEW_YORK).minusDays(1);
        while (offsetMinutes(last.minusDays(DAYS - 1)) != offsetMinutes(last.plusDays(1))) {
            last = last.minusDays(1);
        }
        first = last.minusDays(DAYS - 1);
    }

    static int offsetMinutes(LocalDate day) {
        return NEW_YORK.getRules()
                        .getOffset(day.atStartOfDay(NEW_YORK).toInstant())
                        .getTotalSeconds()
                / 60;
    }

    /** Whether the planted child sleeps at this New York date and time. */
    static boolean asleep(LocalDate day, LocalTime time) {
        boolean morning = time.isBefore(LocalTime.NOON);
        LocalDate evening = morning ? day.minusDays(1) : day;
        DayOfWeek next = evening.plusDays(1).getDayOfWeek();
        boolean free = next == DayOfWeek.SATURDAY || next == DayOfWeek.SUNDAY;
        LocalTime onset = free ? LocalTime.of(23, 30) : LocalTime.of(21, 30);
        LocalTime wake = free ? LocalTime.of(7, 30) : LocalTime.of(5, 30);
        return morning ? time.isBefore(wake) : !time.isBefore(onset);
    }

    /** A school (on UTC, or in {@code zone}) with one consenting child whose wearable uploaded the planted minutes. */
    static String plantedChildIn(String name, String zone) throws Exception {
        School school = School.create(http, name + " " + RUN, "zone.admin." + name.toLowerCase() + "." + RUN);
        if (zone != null) {
            Http.Reply set =
                    http.send("PATCH", "/api/v1/admin/settings", "{\"timeZone\":\"" + zone + "\"}", school.admin());
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            assertThat(set.object().getString("timeZone")).isEqualTo(zone);
        }
        String cohort = school.cohort("Class Z");
        String guardian = "zone.parent." + name.toLowerCase() + "." + RUN;
        school.user(guardian, "GUARDIAN");
        String child = school.child("Lark-" + name + "-" + RUN, 2014, cohort);
        school.link(child, guardian);
        String parent = http.token(guardian, AccountsIT.PASSWORD);
        school.consent(child, parent, "collection", "analysis");
        Http.Reply paired = Devices.pair(http, child, "Zone watch", parent);
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        upload(paired.object().getString("deviceId"), paired.object().getString("deviceToken"));

        JsonObject done = Jobs.runToTheEnd(http, "chronotype", school.admin());
        assertThat(done.getString("status")).as(done.toString()).isEqualTo("COMPLETED");
        Http.Reply read = http.get("/api/v1/children/" + child + "/chronotype", school.admin());
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        return read.body();
    }

    static void upload(String deviceId, String deviceToken) throws Exception {
        Instant start = first.atStartOfDay(NEW_YORK).toInstant();
        Instant end = first.plusDays(DAYS).atStartOfDay(NEW_YORK).toInstant();
        int batch = 4320;
        long i = 0;
        Instant t = start;
        while (t.isBefore(end)) {
            JsonArrayBuilder epochs = Json.createArrayBuilder();
            int n = 0;
            for (; n < batch && t.isBefore(end); n++, i++, t = t.plus(1, ChronoUnit.MINUTES)) {
                var local = t.atZone(NEW_YORK);
                boolean sleeping = asleep(local.toLocalDate(), local.toLocalTime());
                // Awake: moving, with a day-time heart rate; asleep: still, with a lower one.
                epochs.add(Json.createObjectBuilder()
                        .add("t", t.toString())
                        .add("hr", sleeping ? 58.0 : 92.0)
                        .add("activity", sleeping ? 0 : 250 + (i * 37) % 200)
                        .add("stress", sleeping ? 0.2 : 0.4)
                        .add("wear", true));
            }
            String body = Json.createObjectBuilder()
                    .add("batchId", UUID.randomUUID().toString())
                    .add("deviceId", deviceId)
                    .add("epochs", epochs)
                    .build()
                    .toString();
            Http.Reply up = http.post("/api/v1/ingest/batches", body, deviceToken);
            assertThat(up.status()).as(up.body()).isEqualTo(200);
            assertThat(up.object().getInt("accepted")).isEqualTo(n);
        }
    }

    static int minutes(String clock) {
        String[] hm = clock.split(":");
        return Integer.parseInt(hm[0]) * 60 + Integer.parseInt(hm[1]);
    }

    @Test
    void aNewYorkSchoolGetsItsChildsMidSleepOnNewYorksClockAndAUtcSchoolTheSameSleepOnUtcs() throws Exception {
        JsonObject ny = Json.createReader(new java.io.StringReader(plantedChildIn("Hudson", "America/New_York")))
                .readObject();
        JsonObject utc = Json.createReader(new java.io.StringReader(plantedChildIn("Greenwich", null)))
                .readObject();

        assertThat(ny.getString("status")).as(ny.toString()).isEqualTo("ok");
        assertThat(utc.getString("status")).as(utc.toString()).isEqualTo("ok");
        // Free nights 23:30 to 07:30 New York time; as long as the school nights, so no correction for sleep debt.
        assertThat(minutes(ny.getString("msfSc")))
                .as("planted 03:30 New York time: " + ny)
                .isBetween(210 - 20, 210 + 20);
        assertThat(ny.getInt("socialJetlagMinutes"))
                .as("two hours later on free nights")
                .isBetween(100, 140);
        // The same minutes on UTC's clock: later by New York's offset (five hours in winter, four in summer).
        int offset = -offsetMinutes(first);
        assertThat(Math.floorMod(minutes(utc.getString("msfSc")) - minutes(ny.getString("msfSc")), 1440))
                .as("UTC " + utc.getString("msfSc") + " against New York " + ny.getString("msfSc"))
                .isBetween(offset - 5, offset + 5);
        assertThat(utc.getInt("freeNights")).isEqualTo(ny.getInt("freeNights"));
    }
}

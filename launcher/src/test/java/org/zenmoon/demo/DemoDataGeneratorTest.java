package org.zenmoon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zenmoon.demo.DemoWorld.ChildRow;
import org.zenmoon.domain.model.user.Role;

/** The demo data must hold the patterns that later analyses are expected to find. */
class DemoDataGeneratorTest {

    static final LocalDate END = LocalDate.of(2026, 11, 27);
    static DemoDataGenerator gen;
    static DemoWorld world;

    record Minute(Instant t, float stress, boolean asleep) {}

    /** The mean of the values added to the first group minus the mean of those added to the second. */
    static final class MeanDifference {
        private double firstSum;
        private double secondSum;
        private int firstN;
        private int secondN;

        void add(boolean first, double value) {
            if (first) {
                firstSum += value;
                firstN++;
            } else {
                secondSum += value;
                secondN++;
            }
        }

        double value() {
            return firstSum / firstN - secondSum / secondN;
        }
    }

    @BeforeAll
    static void generate() {
        gen = new DemoDataGenerator(7, END);
        world = gen.world();
    }

    static List<Minute> minutes(ChildRow c) {
        List<Minute> out = new ArrayList<>();
        gen.epochsOf(c, (t, hr, rmssd, eda, activity, stress, asleep, quality) -> {
            assertThat(hr).isBetween(25f, 250f);
            assertThat(stress).isBetween(0f, 1f);
            assertThat(eda).isPositive();
            out.add(new Minute(t, stress, asleep));
        });
        return out;
    }

    @Test
    void aScaledWorldKeepsTheDemoChildrenAndAddsScaleTimesEachCohort() {
        DemoWorld scaled = new DemoDataGenerator(7, END, 3).world();
        assertThat(scaled.children()).hasSize(3 * world.children().size());
        // The demo's children come first, unchanged, so scale 1 stays the demo that tests rely on.
        assertThat(scaled.children().subList(0, world.children().size())).isEqualTo(world.children());
        assertThat(scaled.children()).extracting(ChildRow::id).doesNotHaveDuplicates();
        assertThat(scaled.children()).extracting(ChildRow::pseudonym).doesNotHaveDuplicates();
        Map<String, Integer> perCohort = new HashMap<>();
        world.children().forEach(c -> perCohort.merge(c.cohortId(), 1, Integer::sum));
        Map<String, Integer> scaledPerCohort = new HashMap<>();
        scaled.children().forEach(c -> scaledPerCohort.merge(c.cohortId(), 1, Integer::sum));
        perCohort.forEach((cohort, n) -> assertThat(scaledPerCohort.get(cohort)).isEqualTo(3 * n));
        assertThat(new DemoDataGenerator(7, END, 1).world().children()).isEqualTo(world.children());
    }

    @Test
    void twoTenantsWithTheDocumentedAccountsAndEnoughChildren() {
        assertThat(world.tenants()).extracting(DemoWorld.TenantRow::kind).containsExactlyInAnyOrder("SCHOOL", "CLINIC");
        assertThat(world.children()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(world.children()).extracting(ChildRow::pseudonym).doesNotHaveDuplicates();
        Map<String, Set<Role>> accounts = new HashMap<>();
        world.users().forEach(u -> accounts.put(u.username(), u.roles()));
        assertThat(accounts)
                .containsEntry("admin", Set.of(Role.PLATFORM_ADMIN))
                .containsEntry("school.admin", Set.of(Role.TENANT_ADMIN))
                .containsEntry("counsellor", Set.of(Role.COUNSELLOR))
                .containsEntry("clinician", Set.of(Role.CLINICIAN))
                .containsEntry("parent", Set.of(Role.GUARDIAN));
        String parentId = world.users().stream()
                .filter(u -> u.username().equals("parent"))
                .findFirst()
                .orElseThrow()
                .id();
        List<String> parentsChildren = world.guardians().stream()
                .filter(g -> g.userId().equals(parentId))
                .map(DemoWorld.GuardianRow::childId)
                .toList();
        assertThat(parentsChildren).hasSize(2);
        assertThat(world.children().stream().filter(c -> parentsChildren.contains(c.id())))
                .allMatch(c -> c.tenantId().equals(DemoDataGenerator.SCHOOL_TENANT));
    }

    @Test
    void theCounsellorLooksAfterTwoOfTheSchoolsThreeClasses() {
        String counsellor = DemoDataGenerator.id("user:counsellor");
        Set<String> assigned = new HashSet<>();
        world.staffCohorts().stream()
                .filter(s -> s.userId().equals(counsellor))
                .forEach(s -> assigned.add(s.cohortId()));
        List<String> schoolClasses = world.cohorts().stream()
                .filter(h -> h.tenantId().equals(DemoDataGenerator.SCHOOL_TENANT))
                .map(DemoWorld.CohortRow::id)
                .toList();
        assertThat(schoolClasses).hasSize(3).contains(DemoDataGenerator.WILLOW);
        assertThat(assigned).hasSize(2).doesNotContain(DemoDataGenerator.WILLOW);
        long inWillow = world.children().stream()
                .filter(c -> c.cohortId().equals(DemoDataGenerator.WILLOW))
                .count();
        assertThat(inWillow).isEqualTo(DemoDataGenerator.WILLOW_CHILDREN);
    }

    @Test
    void mostGuardiansConsentToEverythingAndTwoHoldBackAnalysis() {
        Map<String, Set<String>> active = new HashMap<>();
        world.consents().stream()
                .filter(k -> k.withdrawnAt() == null)
                .forEach(k -> active.computeIfAbsent(k.childId(), id -> new HashSet<>())
                        .add(k.scope()));
        List<String> withoutAnalysis = world.children().stream()
                .map(ChildRow::id)
                .filter(id -> !active.getOrDefault(id, Set.of()).contains("analysis"))
                .toList();
        assertThat(withoutAnalysis)
                .containsExactlyInAnyOrder(
                        world.children()
                                .get(DemoDataGenerator.NO_ANALYSIS_CONSENT)
                                .id(),
                        world.children()
                                .get(DemoDataGenerator.ANALYSIS_WITHDRAWN)
                                .id());
        assertThat(world.children())
                .allSatisfy(c -> assertThat(active.get(c.id())).contains("collection"));
        long consentingToAll = world.children().stream()
                .filter(c -> active.get(c.id()).containsAll(DemoDataGenerator.CONSENT_SCOPES))
                .count();
        assertThat(consentingToAll).isEqualTo(world.children().size() - 2L);
        // The withdrawn consent stays as history, withdrawn before the data ends.
        assertThat(world.consents().stream().filter(k -> k.withdrawnAt() != null))
                .singleElement()
                .satisfies(k -> assertThat(k.withdrawnAt())
                        .isBefore(END.atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    @Test
    void sameSeedSameData() {
        ChildRow c = world.children().get(3);
        List<Minute> a = minutes(c);
        List<Minute> b =
                minutes(new DemoDataGenerator(7, END).world().children().get(3));
        assertThat(a).isEqualTo(b);
        assertThat(minutes(new DemoDataGenerator(8, END).world().children().get(3)))
                .isNotEqualTo(a);
    }

    @Test
    void devicesAreOffSometimesAndNeverWriteTheSameMinuteTwice() {
        List<Minute> m = minutes(world.children().get(0));
        assertThat(m.size()).isLessThan(DemoDataGenerator.DAYS * 1440).isGreaterThan(DemoDataGenerator.DAYS * 1200);
        Set<Instant> seen = new HashSet<>();
        int gaps = 0;
        for (int i = 0; i < m.size(); i++) {
            assertThat(seen.add(m.get(i).t())).isTrue();
            if (i > 0 && Duration.between(m.get(i - 1).t(), m.get(i).t()).toMinutes() > 30) {
                gaps++;
            }
        }
        assertThat(gaps).as("evening charging gaps").isGreaterThan(20);
    }

    @Test
    void freeDaysAreSleptLaterThanSchoolDays() {
        MeanDifference freeMinusSchool = new MeanDifference();
        for (ChildRow c : world.children()) {
            List<Minute> m = minutes(c);
            for (int i = 1; i < m.size(); i++) {
                if (m.get(i - 1).asleep() && !m.get(i).asleep()) {
                    var local = m.get(i).t().atZone(ZoneOffset.UTC);
                    double hour = local.getHour() + local.getMinute() / 60.0;
                    if (hour < 4 || hour > 13) {
                        continue; // a night-time awakening, not the morning wake-up
                    }
                    freeMinusSchool.add(!gen.isSchoolDay(local.toLocalDate()), hour);
                }
            }
        }
        assertThat(freeMinusSchool.value()).as("hours later on free days").isGreaterThan(1.0);
    }

    @Test
    void examMorningsAreMoreStressful() {
        ChildRow c = world.children().get(5);
        List<LocalDate> exams = gen.examDays(c.cohortId());
        assertThat(exams).isNotEmpty();
        MeanDifference examMinusOther = new MeanDifference();
        for (Minute m : minutes(c)) {
            var z = m.t().atZone(ZoneOffset.UTC);
            if (m.asleep() || z.getHour() < 8 || z.getHour() >= 11 || !gen.isSchoolDay(z.toLocalDate())) {
                continue;
            }
            examMinusOther.add(exams.contains(z.toLocalDate()), m.stress());
        }
        assertThat(examMinusOther.value()).isGreaterThan(0.15);
    }

    @Test
    void mindfulnessCalmsTheEveningOnlyForResponders() {
        double responderDiff = Double.NaN;
        double nonResponderDiff = Double.NaN;
        for (ChildRow c : world.children()) {
            Set<LocalDate> sessionDays = new HashSet<>();
            gen.interventionsOf(c).stream()
                    .filter(i -> i.type().equals(DemoDataGenerator.MINDFULNESS))
                    .forEach(i ->
                            sessionDays.add(i.start().atZone(ZoneOffset.UTC).toLocalDate()));
            if (sessionDays.size() < 5) {
                continue;
            }
            Set<LocalDate> exams = new HashSet<>(gen.examDays(c.cohortId()));
            MeanDifference withMinusWithout = new MeanDifference();
            for (Minute m : minutes(c)) {
                var z = m.t().atZone(ZoneOffset.UTC);
                LocalDate d = z.toLocalDate();
                if (m.asleep()
                        || z.getHour() < 17
                        || z.getHour() >= 22
                        || exams.contains(d)
                        || exams.contains(d.plusDays(1))
                        || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    continue;
                }
                withMinusWithout.add(sessionDays.contains(d), m.stress());
            }
            double diff = withMinusWithout.value();
            if (c.truthMindfulnessEffect() < 0 && Double.isNaN(responderDiff)) {
                responderDiff = diff;
            } else if (c.truthMindfulnessEffect() == 0 && Double.isNaN(nonResponderDiff)) {
                nonResponderDiff = diff;
            }
        }
        assertThat(responderDiff).isLessThan(-0.08);
        assertThat(Math.abs(nonResponderDiff)).isLessThan(0.04);
    }
}

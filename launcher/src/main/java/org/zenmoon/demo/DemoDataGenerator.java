package org.zenmoon.demo;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.zenmoon.demo.DemoWorld.ChildRow;
import org.zenmoon.demo.DemoWorld.CohortRow;
import org.zenmoon.demo.DemoWorld.ConsentRow;
import org.zenmoon.demo.DemoWorld.EventRow;
import org.zenmoon.demo.DemoWorld.GuardianRow;
import org.zenmoon.demo.DemoWorld.InterventionRow;
import org.zenmoon.demo.DemoWorld.StaffCohortRow;
import org.zenmoon.demo.DemoWorld.TenantRow;
import org.zenmoon.demo.DemoWorld.UserRow;
import org.zenmoon.domain.model.user.Role;

/**
 * A seeded simulation of two tenants' children, so that the portal and the analyses have something true
 * to find. Same seed and end day, same data. Local time is UTC for both demo tenants.
 *
 * <p>What is built in: school-day wake-ups by alarm and later free-day sleep (social jetlag), chronotypes
 * from early to late that drift later with age, exam days with raised stress, a charging gap most evenings
 * and a few days with the device off, mindfulness sessions that really lower the evening's stress for some
 * children and not others, and screen-free evenings that change nothing. Sessions are more likely on exam
 * days, as in real schools, so a naive comparison is confounded.
 */
public final class DemoDataGenerator {

    public static final int DAYS = 60;
    public static final String SCHOOL_TENANT = id("tenant:school");
    public static final String CLINIC_TENANT = id("tenant:clinic");
    public static final String MINDFULNESS = "mindfulness";
    public static final String SCREEN_FREE_EVENING = "screen_free_evening";
    /** The school's third class, which the demo counsellor is not assigned to. */
    public static final String WILLOW = id("cohort:willow");

    public static final int WILLOW_CHILDREN = 10;
    /** The scopes of API.md; most guardians grant all of them. */
    public static final List<String> CONSENT_SCOPES =
            List.of("collection", "analysis", "model_training", "clinic_sharing");
    /** Indexes into {@code world().children()} (both in Year 5 Oak) whose guardians hold back analysis consent. */
    public static final int NO_ANALYSIS_CONSENT = 2;

    public static final int ANALYSIS_WITHDRAWN = 3;

    private static final String[] ANIMALS = {
        "Otter", "Falcon", "Badger", "Heron", "Lynx", "Marten", "Puffin", "Wren", "Fox", "Hare", "Owl", "Robin", "Seal",
        "Stoat", "Vole", "Kestrel", "Newt", "Finch", "Plover", "Egret"
    };

    /**
     * The largest {@code zenmoon.demo.scale}: 1,560 children, within the 1,800 distinct pseudonyms the generator can
     * draw.
     */
    public static final int MAX_SCALE = 30;

    private final long seed;
    private final LocalDate endDay;
    private final int scale;

    /** @param endDay the first day not generated: data covers the {@value #DAYS} days before it */
    public DemoDataGenerator(long seed, LocalDate endDay) {
        this(seed, endDay, 1);
    }

    /**
     * A world whose cohorts have {@code scale} times the demo's children, for benchmarks. Scale 1 is the demo; the
     * extra children are drawn after all of the demo's, so the demo's children are the same at every scale.
     */
    public DemoDataGenerator(long seed, LocalDate endDay, int scale) {
        if (scale < 1 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("the demo scale must be from 1 to " + MAX_SCALE + ", not " + scale);
        }
        this.seed = seed;
        this.endDay = endDay;
        this.scale = scale;
    }

    public static String id(String key) {
        return UUID.nameUUIDFromBytes(("zenmoon-demo:" + key).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public LocalDate firstDay() {
        return endDay.minusDays(DAYS);
    }

    public DemoWorld world() {
        Random rnd = new Random(seed);
        List<TenantRow> tenants = List.of(
                new TenantRow(SCHOOL_TENANT, "Riverside School", "SCHOOL", "FERPA", 365),
                new TenantRow(CLINIC_TENANT, "Northside Paediatric Sleep Clinic", "CLINIC", "HIPAA", 2190));
        String oak = id("cohort:oak");
        String birch = id("cohort:birch");
        String panel = id("cohort:panel");
        String willow = WILLOW;
        List<CohortRow> cohorts = List.of(
                new CohortRow(SCHOOL_TENANT, oak, "Year 5 Oak", "CLASS"),
                new CohortRow(SCHOOL_TENANT, birch, "Year 8 Birch", "CLASS"),
                new CohortRow(CLINIC_TENANT, panel, "Sleep panel", "PANEL"),
                new CohortRow(SCHOOL_TENANT, willow, "Year 6 Willow", "CLASS"));

        List<UserRow> users = new ArrayList<>();
        users.add(new UserRow(id("user:admin"), null, "admin", EnumSet.of(Role.PLATFORM_ADMIN), "Platform admin"));
        users.add(new UserRow(
                id("user:school.admin"),
                SCHOOL_TENANT,
                "school.admin",
                EnumSet.of(Role.TENANT_ADMIN),
                "School IT admin"));
        users.add(new UserRow(
                id("user:counsellor"), SCHOOL_TENANT, "counsellor", EnumSet.of(Role.COUNSELLOR), "School counsellor"));
        users.add(new UserRow(
                id("user:clinic.admin"),
                CLINIC_TENANT,
                "clinic.admin",
                EnumSet.of(Role.TENANT_ADMIN),
                "Clinic IT admin"));
        users.add(
                new UserRow(id("user:clinician"), CLINIC_TENANT, "clinician", EnumSet.of(Role.CLINICIAN), "Clinician"));
        users.add(new UserRow(id("user:parent"), SCHOOL_TENANT, "parent", EnumSet.of(Role.GUARDIAN), "Demo parent"));
        // The counsellor looks after Oak and Birch, not Willow: the wall between classes is there to be seen.
        List<StaffCohortRow> staff = List.of(
                new StaffCohortRow(SCHOOL_TENANT, id("user:counsellor"), oak),
                new StaffCohortRow(SCHOOL_TENANT, id("user:counsellor"), birch),
                new StaffCohortRow(CLINIC_TENANT, id("user:clinician"), panel));

        List<ChildRow> children = new ArrayList<>();
        List<GuardianRow> guardians = new ArrayList<>();
        List<ConsentRow> consents = new ArrayList<>();
        Set<String> pseudonyms = new HashSet<>();
        int year = endDay.getYear();
        addChildren(rnd, children, 0, 15, SCHOOL_TENANT, oak, year - 10, year - 9, pseudonyms);
        addChildren(rnd, children, 0, 15, SCHOOL_TENANT, birch, year - 13, year - 12, pseudonyms);
        addChildren(rnd, children, 0, 12, CLINIC_TENANT, panel, year - 16, year - 6, pseudonyms);
        // Added last, so that the children above keep the data they had before Willow existed.
        addChildren(rnd, children, 0, WILLOW_CHILDREN, SCHOOL_TENANT, willow, year - 11, year - 10, pseudonyms);
        // A benchmark's extra children come after all of the demo's, for the same reason.
        addChildren(rnd, children, 15, 15 * scale, SCHOOL_TENANT, oak, year - 10, year - 9, pseudonyms);
        addChildren(rnd, children, 15, 15 * scale, SCHOOL_TENANT, birch, year - 13, year - 12, pseudonyms);
        addChildren(rnd, children, 12, 12 * scale, CLINIC_TENANT, panel, year - 16, year - 6, pseudonyms);
        addChildren(
                rnd,
                children,
                WILLOW_CHILDREN,
                WILLOW_CHILDREN * scale,
                SCHOOL_TENANT,
                willow,
                year - 11,
                year - 10,
                pseudonyms);
        Instant withdrawal = at(endDay.minusDays(5), 18.0);
        for (int i = 0; i < children.size(); i++) {
            ChildRow c = children.get(i);
            // The demo parent has the first two children of Year 5 Oak; every other child has a guardian of its own.
            String guardian = i < 2 ? id("user:parent") : id("user:guardian:" + i);
            if (i >= 2) {
                users.add(new UserRow(
                        guardian, c.tenantId(), "guardian." + (i + 1), EnumSet.of(Role.GUARDIAN), "Guardian"));
            }
            guardians.add(new GuardianRow(c.tenantId(), c.id(), guardian));
            for (String scope : CONSENT_SCOPES) {
                // Two children of Oak show the consent check: one guardian never agreed to analysis (nor to
                // anything beyond collection), the other withdrew analysis five days ago.
                if (i == NO_ANALYSIS_CONSENT && !scope.equals("collection")) {
                    continue;
                }
                Instant withdrawn = i == ANALYSIS_WITHDRAWN && scope.equals("analysis") ? withdrawal : null;
                consents.add(new ConsentRow(
                        c.tenantId(), id("consent:" + scope + ":" + c.id()), c.id(), scope, guardian, withdrawn));
            }
        }

        List<EventRow> events = new ArrayList<>();
        for (CohortRow cohort : cohorts) {
            if (!cohort.kind().equals("CLASS")) {
                continue;
            }
            for (LocalDate day : examDays(cohort.id())) {
                Instant start = at(day, 9.0);
                events.add(new EventRow(
                        cohort.tenantId(),
                        id("event:" + cohort.id() + day),
                        cohort.id(),
                        cohort.name().contains("Oak") ? "math_test" : "exam",
                        start,
                        start.plusSeconds(90 * 60)));
            }
        }
        List<InterventionRow> interventions = new ArrayList<>();
        for (ChildRow c : children) {
            interventions.addAll(interventionsOf(c));
        }
        return new DemoWorld(
                tenants,
                cohorts,
                List.copyOf(users),
                staff,
                List.copyOf(children),
                guardians,
                consents,
                events,
                interventions,
                firstDay(),
                endDay);
    }

    private void addChildren(
            Random rnd,
            List<ChildRow> out,
            int from,
            int to,
            String tenant,
            String cohort,
            int minYear,
            int maxYear,
            Set<String> pseudonyms) {
        for (int i = from; i < to; i++) {
            int birthYear = minYear + rnd.nextInt(maxYear - minYear + 1);
            int age = endDay.getYear() - birthYear;
            String pseudonym;
            do {
                pseudonym = ANIMALS[rnd.nextInt(ANIMALS.length)] + "-" + (10 + rnd.nextInt(90));
            } while (!pseudonyms.add(pseudonym));
            // Mid-sleep on free days drifts later by ~12 min a year through childhood (Roenneberg et al. 2004).
            double msf = 2.6 + 0.2 * (age - 6) + rnd.nextGaussian() * 0.7;
            double need = 11.0 - 0.2 * (age - 6) + rnd.nextGaussian() * 0.3;
            // A third of children respond to mindfulness with calmer evenings; the rest do not respond at all.
            double effect = rnd.nextDouble() < 0.33 ? -0.12 : 0.0;
            out.add(new ChildRow(
                    tenant,
                    id("child:" + tenant + ":" + cohort + ":" + i),
                    pseudonym,
                    birthYear,
                    cohort,
                    msf,
                    need,
                    effect));
        }
    }

    /**
     * The planted mid-sleep on free days, MCTQ's MSF (SO_F + SD_F/2) of the child's noise-free free nights (see
     * {@code ChildDay.nights()}): they start at the natural onset and last the need plus 0.3 h. In hours after the
     * free day's midnight, not wrapped.
     */
    public static double truthMsfOnFreeDaysHours(ChildRow c) {
        double soF = naturalOnsetHours(c);
        double sdF = c.truthSleepNeedHours() + 0.3;
        return soF + sdF / 2;
    }

    /**
     * The planted MSFsc: MCTQ's sleep-debt correction applied to the child's noise-free schedule, so that a
     * measured MSFsc is compared with the truth of the same quantity, not with {@link ChildRow#truthMsfHours()} (the
     * unconstrained mid-sleep, which MSFsc differs from by construction). School nights start half an hour before
     * the natural onset and end at the 07:00 alarm (after at least 5 h); SD_week weights 5 school and 2 free
     * nights, as MCTQ does. Written out here, sharing no code with the analysis module, so that the truth does not
     * repeat the code under test. In hours after the free day's midnight, not wrapped.
     */
    public static double truthMsfScHours(ChildRow c) {
        double soS = naturalOnsetHours(c) - 0.5;
        double sdS = Math.max(soS + 5.0, 7.0) - soS;
        double sdF = c.truthSleepNeedHours() + 0.3;
        double msf = truthMsfOnFreeDaysHours(c);
        double sdWeek = (5 * sdS + 2 * sdF) / 7;
        return sdF > sdS ? msf - (sdF - sdWeek) / 2 : msf;
    }

    /** The onset of unconstrained sleep, as {@code ChildDay.nights()} plants it, in hours after midnight. */
    static double naturalOnsetHours(ChildRow c) {
        return c.truthMsfHours() - c.truthSleepNeedHours() / 2;
    }

    /** School days are Monday to Friday outside a one-week break in the middle of the period. */
    public boolean isSchoolDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        LocalDate breakStart = firstDay().plusDays(DAYS / 2 - 2);
        boolean inBreak = !day.isBefore(breakStart) && day.isBefore(breakStart.plusDays(7));
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !inBreak;
    }

    List<LocalDate> examDays(String cohortId) {
        Random rnd = new Random(seed ^ cohortId.hashCode());
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = firstDay(); d.isBefore(endDay); d = d.plusDays(1)) {
            if (isSchoolDay(d) && rnd.nextDouble() < 0.12) {
                days.add(d);
            }
        }
        return days;
    }

    List<InterventionRow> interventionsOf(ChildRow c) {
        List<InterventionRow> out = new ArrayList<>();
        Random rnd = new Random(seed ^ c.id().hashCode() ^ 0x5EED);
        boolean offered = rnd.nextDouble() < 0.6;
        Set<LocalDate> exams = new HashSet<>(examDays(c.cohortId()));
        String staff;
        if (c.tenantId().equals(CLINIC_TENANT)) {
            staff = id("user:clinician");
        } else {
            staff = c.cohortId().equals(WILLOW) ? id("user:school.admin") : id("user:counsellor");
        }
        for (LocalDate d = firstDay(); d.isBefore(endDay); d = d.plusDays(1)) {
            double p = 0.25 + (exams.contains(d) ? 0.35 : 0.0);
            if (offered && rnd.nextDouble() < p) {
                out.add(intervention(c, "iv:", MINDFULNESS, d, 16.0, 15 * 60, staff));
            }
            if (rnd.nextDouble() < 0.2) {
                out.add(intervention(c, "sf:", SCREEN_FREE_EVENING, d, 19.0, 3 * 3600, staff));
            }
        }
        return out;
    }

    /** An intervention of {@code type} for a child, from {@code hours} after midnight on {@code day}. */
    private static InterventionRow intervention(
            ChildRow c, String idPrefix, String type, LocalDate day, double hours, long seconds, String staff) {
        Instant start = at(day, hours);
        return new InterventionRow(
                c.tenantId(), id(idPrefix + c.id() + day), c.id(), type, start, start.plusSeconds(seconds), staff);
    }

    static Instant at(LocalDate day, double hours) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(Math.round(hours * 3600));
    }

    /** Streams every epoch of a child in time order; minutes with the device off are skipped. */
    public void epochsOf(ChildRow c, EpochSink sink) {
        new ChildDay(this, c, new Random(seed ^ c.id().hashCode()), examDays(c.cohortId()), interventionsOf(c))
                .emitAll(sink);
    }

    /** Receives generated epochs. Null measures mean "not measured". */
    @FunctionalInterface
    public interface EpochSink {
        void accept(
                Instant t, float hr, float rmssd, float eda, int activity, float stress, boolean asleep, float quality);
    }
}

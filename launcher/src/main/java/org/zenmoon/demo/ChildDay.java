package org.zenmoon.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.zenmoon.demo.DemoDataGenerator.EpochSink;
import org.zenmoon.demo.DemoWorld.ChildRow;
import org.zenmoon.demo.DemoWorld.InterventionRow;

/** The minute-by-minute simulation of one child over the demo period (see {@link DemoDataGenerator}). */
final class ChildDay {

    private static final int MINUTES_PER_DAY = 1440;

    private final DemoDataGenerator gen;
    private final ChildRow child;
    private final Random rnd;
    private final List<LocalDate> examDays;
    private final List<InterventionRow> interventions;
    private final int age;

    ChildDay(
            DemoDataGenerator gen,
            ChildRow child,
            Random rnd,
            List<LocalDate> examDays,
            List<InterventionRow> interventions) {
        this.gen = gen;
        this.child = child;
        this.rnd = rnd;
        this.examDays = examDays;
        this.interventions = interventions;
        this.age = gen.firstDay().getYear() - child.birthYear();
    }

    /** Sleep intervals as minutes from the first day's midnight, one per night, including the night before. */
    List<int[]> nights() {
        List<int[]> out = new ArrayList<>();
        double need = child.truthSleepNeedHours();
        double naturalOnset = DemoDataGenerator.naturalOnsetHours(child);
        for (int d = -1; d < DemoDataGenerator.DAYS; d++) {
            LocalDate morning = gen.firstDay().plusDays(d + 1L);
            double onset;
            double wake;
            if (gen.isSchoolDay(morning)) {
                // Parents push bedtime a little earlier on school nights, and the alarm rings at about 7:00.
                onset = naturalOnset - 0.5 + rnd.nextGaussian() * 0.3;
                wake = Math.max(onset + 5.0, 7.0 + rnd.nextGaussian() * 0.2);
            } else {
                onset = naturalOnset + rnd.nextGaussian() * 0.4;
                wake = onset + need + 0.3 + rnd.nextGaussian() * 0.4;
            }
            int base = (d + 1) * MINUTES_PER_DAY;
            out.add(new int[] {base + (int) Math.round(onset * 60), base + (int) Math.round(wake * 60)});
        }
        return out;
    }

    void emitAll(EpochSink sink) {
        List<int[]> nights = nights();
        int total = DemoDataGenerator.DAYS * MINUTES_PER_DAY;
        boolean[] off = deviceOff(total);
        double restingHr = 95 - 1.5 * (age - 6) + rnd.nextGaussian() * 4;
        double stressOffset = rnd.nextGaussian() * 0.05;
        double noise = 0;
        int nightIdx = 0;
        int wakeBout = 0;
        Instant start = gen.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int m = 0; m < total; m++) {
            while (nightIdx < nights.size() && nights.get(nightIdx)[1] <= m) {
                nightIdx++;
            }
            boolean inNight = nightIdx < nights.size() && m >= nights.get(nightIdx)[0];
            if (inNight && wakeBout == 0 && rnd.nextDouble() < 0.004) {
                wakeBout = 2 + rnd.nextInt(5);
            }
            boolean asleep = inNight && wakeBout == 0;
            if (wakeBout > 0) {
                wakeBout--;
            }
            noise = 0.97 * noise + rnd.nextGaussian() * 0.02;
            if (off[m]) {
                continue;
            }
            int day = m / MINUTES_PER_DAY;
            double hour = (m % MINUTES_PER_DAY) / 60.0;
            LocalDate date = gen.firstDay().plusDays(day);
            float hr;
            float rmssd;
            float eda;
            int activity;
            double stress;
            if (asleep) {
                stress = clamp(0.10 + noise, 0, 1);
                activity = rnd.nextDouble() < 0.8 ? 0 : 1 + rnd.nextInt(30);
                hr = (float) (restingHr - 8 + rnd.nextGaussian() * 2);
                rmssd = (float) Math.max(5, 70 + rnd.nextGaussian() * 8);
                eda = (float) Math.max(0.05, 0.8 + rnd.nextGaussian() * 0.1);
            } else {
                stress = clamp(0.30 + stressOffset + stressLoad(date, hour) + noise, 0, 1);
                activity = (int) Math.round(activityLevel(date, hour) * Math.exp(rnd.nextGaussian() * 0.6));
                hr = (float) clamp(restingHr + 0.04 * activity + 18 * stress + rnd.nextGaussian() * 3, 40, 200);
                rmssd = (float) Math.max(5, 50 - 25 * stress + rnd.nextGaussian() * 5);
                eda = (float) Math.max(0.05, 1.5 + 3 * stress + rnd.nextGaussian() * 0.2);
            }
            float quality = (float) (0.85 + 0.15 * rnd.nextDouble());
            sink.accept(start.plusSeconds(60L * m), hr, rmssd, eda, activity, (float) stress, asleep, quality);
        }
    }

    /** Extra stress from the school day, exams and the evening after an intervention. */
    private double stressLoad(LocalDate date, double hour) {
        double load = 0;
        boolean schoolHours = gen.isSchoolDay(date) && hour >= 8.5 && hour < 15;
        if (schoolHours) {
            load += 0.08;
        }
        if (examDays.contains(date)) {
            load += hour >= 8 && hour < 11 ? 0.25 : schoolHours ? 0.12 : 0.04;
        }
        if (examDays.contains(date.plusDays(1)) && hour >= 18) {
            load += 0.05;
        }
        if (hour >= 17 && hour < 22 && hadMindfulness(date)) {
            load += child.truthMindfulnessEffect();
        }
        return load;
    }

    private boolean hadMindfulness(LocalDate date) {
        Instant from = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = from.plusSeconds(86_400);
        for (InterventionRow iv : interventions) {
            if (DemoDataGenerator.MINDFULNESS.equals(iv.type())
                    && !iv.start().isBefore(from)
                    && iv.start().isBefore(to)) {
                return true;
            }
        }
        return false;
    }

    private double activityLevel(LocalDate date, double hour) {
        boolean school = gen.isSchoolDay(date);
        if (school && hour >= 10.5 && hour < 11.5) {
            return 900; // break time and PE
        }
        if (school && hour >= 8.5 && hour < 15) {
            return 250;
        }
        if (hour >= 22 || hour < 6) {
            return 60;
        }
        return school ? 350 : 420;
    }

    /** Most evenings the watch charges for an hour or so; on two or three days it is not worn at all. */
    private boolean[] deviceOff(int total) {
        boolean[] off = new boolean[total];
        for (int day = 0; day < DemoDataGenerator.DAYS; day++) {
            int base = day * MINUTES_PER_DAY;
            if (rnd.nextDouble() < 0.04) {
                for (int m = 0; m < MINUTES_PER_DAY; m++) {
                    off[base + m] = true;
                }
                continue;
            }
            if (rnd.nextDouble() < 0.7) {
                int from = base + (int) ((17.5 + rnd.nextDouble() * 2) * 60);
                int length = 40 + rnd.nextInt(61);
                for (int m = from; m < Math.min(total, from + length); m++) {
                    off[m] = true;
                }
            }
        }
        return off;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}

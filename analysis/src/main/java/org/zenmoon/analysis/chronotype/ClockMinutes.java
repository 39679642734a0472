package org.zenmoon.analysis.chronotype;

import java.util.Collection;

/** Times of day as minutes after midnight on a circular 24-hour clock, as the mctq package computes them. */
public final class ClockMinutes {

    public static final double DAY = 1440;

    private ClockMinutes() {}

    /** Into [0, 1440). */
    public static double wrap(double minutes) {
        double m = minutes % DAY;
        return m < 0 ? m + DAY : m;
    }

    /** The forward interval from {@code from} to {@code to}, in [0, 1440): a sleep from 23:00 to 07:00 lasts 480. */
    public static double forward(double from, double to) {
        return wrap(to - from);
    }

    /** The shorter distance between two clock times, in [0, 720]. */
    public static double distance(double a, double b) {
        double d = forward(a, b);
        return Math.min(d, DAY - d);
    }

    /** The circular mean of clock times (mean of unit vectors), NaN when empty or undefined. */
    public static double circularMean(Collection<Double> times) {
        double s = 0;
        double c = 0;
        for (double t : times) {
            double a = 2 * Math.PI * t / DAY;
            s += Math.sin(a);
            c += Math.cos(a);
        }
        if (times.isEmpty() || Math.hypot(s, c) < 1e-9) {
            return Double.NaN;
        }
        return wrap(Math.atan2(s, c) * DAY / (2 * Math.PI));
    }

    /** {@code HH:MM:SS}, rounded to the second. */
    public static String format(double minutes) {
        long s = Math.round(wrap(minutes) * 60) % 86_400;
        return String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** An ISO-8601 duration such as {@code PT7H45M30S}, rounded to the second. */
    public static String formatDuration(double minutes) {
        return java.time.Duration.ofSeconds(Math.round(minutes * 60)).toString();
    }
}

package org.zenmoon.analysis.epoch;

import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * Wearable epochs kept as columns: one array per measure instead of one object per minute. A child's 60 days (some
 * 86,000 minutes) take about 1.8 MB here, against some 9 MB as {@link WearableEpoch} records with boxed measures;
 * {@link #get} makes the record of one minute when an engine asks for it, which the engines drop at once. Unmodifiable.
 *
 * <p>Times are kept to the microsecond and the measures in single precision, as the database stores them
 * ({@code timestamptz}, {@code real}); an absent measure is held as {@code NaN} (the records never hold a NaN: their measures are finite or absent).
 */
public final class EpochColumns extends AbstractList<WearableEpoch> implements RandomAccess {

    private static final byte ABSENT = -1;

    /** Each minute's start in microseconds since the epoch (the database's own precision). */
    private final long[] micros;

    private final float[] activity;
    private final float[] heartRate;
    private final float[] stress;
    private final byte[] asleep;
    private final int size;

    private EpochColumns(Builder b) {
        this.size = b.size;
        this.micros = Arrays.copyOf(b.micros, size);
        this.activity = Arrays.copyOf(b.activity, size);
        this.heartRate = Arrays.copyOf(b.heartRate, size);
        this.stress = Arrays.copyOf(b.stress, size);
        this.asleep = Arrays.copyOf(b.asleep, size);
    }

    public static Builder builder(int expected) {
        return new Builder(expected);
    }

    @Override
    public WearableEpoch get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return new WearableEpoch(
                Instant.ofEpochSecond(
                        Math.floorDiv(micros[i], 1_000_000L), Math.floorMod(micros[i], 1_000_000L) * 1_000L),
                value(activity[i]),
                value(heartRate[i]),
                value(stress[i]),
                asleep[i] == ABSENT ? null : asleep[i] == 1);
    }

    @Override
    public int size() {
        return size;
    }

    private static Double value(float f) {
        return Float.isNaN(f) ? null : (double) f;
    }

    /** Collects the minutes in order; the builder may be dropped after {@link #build}. */
    public static final class Builder {
        private long[] micros;
        private float[] activity;
        private float[] heartRate;
        private float[] stress;
        private byte[] asleep;
        private int size;

        private Builder(int expected) {
            int n = Math.max(16, expected);
            micros = new long[n];
            activity = new float[n];
            heartRate = new float[n];
            stress = new float[n];
            asleep = new byte[n];
        }

        /**
         * One minute: its start, and each measure or {@code NaN} when absent ({@code asleep}: null when not known).
         *
         * @throws IllegalArgumentException for a measure {@link WearableEpoch} refuses (infinite, negative activity)
         */
        public Builder add(Instant start, float activity, float heartRate, float stress, Boolean asleep) {
            // The record's own checks, once per minute, so that get() never meets a value it refuses.
            new WearableEpoch(start, value(activity), value(heartRate), value(stress), asleep);
            if (size == micros.length) {
                int n = size * 2;
                micros = Arrays.copyOf(micros, n);
                this.activity = Arrays.copyOf(this.activity, n);
                this.heartRate = Arrays.copyOf(this.heartRate, n);
                this.stress = Arrays.copyOf(this.stress, n);
                this.asleep = Arrays.copyOf(this.asleep, n);
            }
            micros[size] =
                    Math.addExact(Math.multiplyExact(start.getEpochSecond(), 1_000_000L), start.getNano() / 1_000L);
            this.activity[size] = activity;
            this.heartRate[size] = heartRate;
            this.stress[size] = stress;
            this.asleep[size] = asleep == null ? ABSENT : (byte) (asleep ? 1 : 0);
            size++;
            return this;
        }

        public EpochColumns build() {
            return new EpochColumns(this);
        }
    }
}

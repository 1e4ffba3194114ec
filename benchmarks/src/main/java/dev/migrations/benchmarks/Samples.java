package dev.migrations.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Small statistics and checks shared by the benchmarks. */
final class Samples {
    private Samples() {}

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    static double median(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The samples of {@code a}, then those of {@code b}. */
    static double[] concat(double[] a, double[] b) {
        double[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    /** Each round's value over the reference's in the same round. */
    static double[] perRound(double[] values, double[] reference) {
        double[] ratios = new double[values.length];
        for (int r = 0; r < values.length; r++) {
            ratios[r] = values[r] / reference[r];
        }
        return ratios;
    }

    static double min(double[] samples) {
        return Arrays.stream(samples).min().orElseThrow();
    }

    /** Below this many rounds a goal gets no verdict: a bootstrap interval of so few is not one. */
    static final int VERDICT_ROUNDS = 5;

    /**
     * A goal's verdict from the 90% interval of a median: met when the whole interval is within the
     * goal, NOT met when the whole interval is beyond it, else not resolved by the run.
     */
    static String verdict(int rounds, boolean intervalWithin, boolean intervalBeyond) {
        if (rounds < VERDICT_ROUNDS) {
            return "too few rounds for a verdict";
        }
        return intervalWithin ? "met" : intervalBeyond ? "NOT met" : "not resolved by this run";
    }

    /**
     * A 90% percentile-bootstrap confidence interval of the median: {@code {low, high}} over 10,000
     * resamples with a fixed seed (the same data always gives the same interval).
     */
    static double[] medianInterval90(double[] samples) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        int resamples = 10_000;
        double[] medians = new double[resamples];
        double[] resample = new double[samples.length];
        for (int i = 0; i < resamples; i++) {
            for (int j = 0; j < samples.length; j++) {
                resample[j] = samples[random.nextInt(samples.length)];
            }
            medians[i] = median(resample);
        }
        Arrays.sort(medians);
        return new double[] {medians[(int) (resamples * 0.05)], medians[(int) (resamples * 0.95) - 1]};
    }

    static double max(double[] samples) {
        return Arrays.stream(samples).max().orElseThrow();
    }
}

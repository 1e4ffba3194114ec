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

    static double min(double[] samples) {
        return Arrays.stream(samples).min().orElseThrow();
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

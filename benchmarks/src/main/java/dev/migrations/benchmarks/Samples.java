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

    static double max(double[] samples) {
        return Arrays.stream(samples).max().orElseThrow();
    }
}

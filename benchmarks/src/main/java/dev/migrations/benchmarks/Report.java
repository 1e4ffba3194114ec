package dev.migrations.benchmarks;

import static dev.migrations.benchmarks.Samples.max;
import static dev.migrations.benchmarks.Samples.median;
import static dev.migrations.benchmarks.Samples.min;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Markdown that {@link AllBenchmarks} writes to {@code BENCHMARKS.md}; every piece is also
 * printed as it is added, so a long run shows progress.
 */
final class Report {
    private final StringBuilder markdown = new StringBuilder();
    private final List<String> summary = new ArrayList<>();

    /** A line for the summary at the top of the file (the goals and the headline ratios). */
    void summary(String line) {
        summary.add(line);
        System.out.println("SUMMARY: " + line);
    }

    /** The summary lines as a Markdown list. */
    String summaryMarkdown() {
        StringBuilder result = new StringBuilder();
        for (String line : summary) {
            result.append("- ").append(line).append('\n');
        }
        return result.toString();
    }

    /** A heading ({@code level} 2 or 3). */
    void heading(int level, String title) {
        String line = "#".repeat(level) + " " + title;
        markdown.append('\n').append(line).append("\n\n");
        System.out.println();
        System.out.println(line);
    }

    /** A paragraph. */
    void text(String paragraph) {
        markdown.append(paragraph).append("\n\n");
        System.out.println(paragraph);
    }

    /** A fenced block, verbatim. */
    void code(String block) {
        markdown.append("```\n").append(block.strip()).append("\n```\n\n");
        System.out.println(block.strip());
    }

    /** A table: a header row and rows of cells. */
    void table(List<String> header, List<List<String>> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(row(header));
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            rule.add(i == 0 ? "---" : "---:");
        }
        lines.add(row(rule));
        for (List<String> cells : rows) {
            lines.add(row(cells));
        }
        String table = String.join("\n", lines);
        markdown.append(table).append("\n\n");
        System.out.println(table);
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    /** Everything added so far. */
    String markdown() {
        return markdown.toString();
    }

    /** {@code median (min–max)} in milliseconds. */
    static String ms(double[] samples) {
        return String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", median(samples), min(samples), max(samples));
    }

    /** A number with one decimal. */
    static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A ratio with two decimals and an x. */
    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2fx", value);
    }

    /** {@code median (min–max)} of ratios. */
    static String ratios(double[] samples) {
        return String.format(Locale.ROOT, "%.2fx (%.2f–%.2f)", median(samples), min(samples), max(samples));
    }
}

package dev.migrations.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The apply workload, written once for every tool: N revisions, each creating a table with an index
 * and inserting a row, as this engine's scripts ({@code engine/}), Flyway's versioned migrations
 * ({@code flyway/}) and a Liquibase changelog including one formatted-SQL file per revision ({@code
 * liquibase/}), with the same SQL everywhere. The JDBC floor runs {@link #statements()} directly.
 *
 * @param root the directory holding the three trees
 * @param revisions the number of revisions
 * @param statements the SQL of each revision, in order
 */
record Workload(Path root, int revisions, List<List<String>> statements) {

    /** The changelog Liquibase is pointed at, relative to {@link #liquibaseDir()}. */
    static final String LIQUIBASE_CHANGELOG = "changelog.xml";

    /** Writes the workload under a new temporary directory. */
    static Workload generate(int n) {
        try {
            Path root = Files.createTempDirectory("bench-workload-" + n);
            Path engine = Files.createDirectories(root.resolve("engine"));
            Path flyway = Files.createDirectories(root.resolve("flyway"));
            Path liquibase = Files.createDirectories(root.resolve("liquibase"));
            List<List<String>> all = new ArrayList<>(n);
            StringBuilder changelog = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
                    + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                    + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
                    + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n");
            for (int i = 1; i <= n; i++) {
                String id = id(i);
                List<String> sql = sql(id);
                all.add(sql);
                String body = String.join(";\n", sql) + ";\n";
                Files.writeString(engine.resolve(id + "_bench.sql"), engineScript(i, body), StandardCharsets.UTF_8);
                Files.writeString(
                        flyway.resolve("V" + i + "__bench_" + id + ".sql"),
                        "-- Benchmark revision " + i + "\n" + body,
                        StandardCharsets.UTF_8);
                Files.writeString(
                        liquibase.resolve(id + ".sql"),
                        "--liquibase formatted sql\n\n--changeset bench:" + id + "\n" + body
                                + "--rollback DROP TABLE bench_" + id + ";\n",
                        StandardCharsets.UTF_8);
                changelog.append("  <include file=\"").append(id).append(".sql\" relativeToChangelogFile=\"true\"/>\n");
            }
            changelog.append("</databaseChangeLog>\n");
            Files.writeString(liquibase.resolve(LIQUIBASE_CHANGELOG), changelog.toString(), StandardCharsets.UTF_8);
            return new Workload(root, n, List.copyOf(all));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads back the statements of a workload written earlier (the probe JVMs get only the root). */
    static Workload read(Path root) {
        try (Stream<Path> files = Files.list(root.resolve("engine"))) {
            int n = (int) files.count();
            List<List<String>> all = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                all.add(sql(id(i)));
            }
            return new Workload(root, n, List.copyOf(all));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path engineDir() {
        return root.resolve("engine");
    }

    Path flywayDir() {
        return root.resolve("flyway");
    }

    Path liquibaseDir() {
        return root.resolve("liquibase");
    }

    /** Deletes the workload's files. */
    void delete() {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String id(int i) {
        return String.format(Locale.ROOT, "r%05d", i);
    }

    private static List<String> sql(String id) {
        String table = "bench_" + id;
        return List.of(
                "CREATE TABLE " + table
                        + " (id BIGINT PRIMARY KEY, name TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                "CREATE INDEX ix_" + table + "_name ON " + table + " (name)",
                "INSERT INTO " + table + " (id, name) VALUES (1, '" + id + "')");
    }

    private static String engineScript(int i, String body) {
        StringBuilder text = new StringBuilder()
                .append("-- Benchmark revision ")
                .append(i)
                .append("\n--\n-- Revision ID: ")
                .append(id(i))
                .append('\n');
        if (i > 1) {
            text.append("-- Revises: ").append(id(i - 1)).append('\n');
        }
        return text.append("\n-- migrate:upgrade\n")
                .append(body)
                .append("\n-- migrate:downgrade\nDROP TABLE bench_")
                .append(id(i))
                .append(";\n")
                .toString();
    }
}

package dev.migrations.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The floor of the whole-process comparison ({@link ProcessBenchmark}): what a deploy step could run
 * instead of a migration tool, a plain JDBC loop in a JVM of its own whose class path is this class
 * and the PostgreSQL driver alone. {@code java -cp <this>:<driver> JdbcLoop <jdbc url> <user or -> [DIR]}
 * applies the Flyway-style files of {@code DIR} ({@code V<n>__*.sql}) in version order, each file's
 * statements and an update of a one-row version table in one transaction; without {@code DIR} it
 * only opens a connection (the floor of the no-op). The password, if any, comes in {@code
 * MIGRATIONS_BENCH_PASSWORD}. JDK and driver classes only: anything more would be the floor's own
 * overhead.
 */
public final class JdbcLoop {
    private JdbcLoop() {}

    public static void main(String[] args) throws Exception {
        try (Connection connection = connect(args[0], args[1])) {
            if (args.length < 3) {
                connection.isValid(5);
                return;
            }
            apply(connection, Path.of(args[2]));
        }
    }

    /** A connection as the probes' command lines give it: the user or {@code -}, the password from the environment. */
    static Connection connect(String url, String user) throws SQLException {
        Properties props = new Properties();
        if (!user.equals("-")) {
            props.setProperty("user", user);
        }
        String password = System.getenv("MIGRATIONS_BENCH_PASSWORD");
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(url, props);
    }

    private static void apply(Connection connection, Path dir) throws Exception {
        Path[] files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().startsWith("V")).toArray(Path[]::new);
        }
        Arrays.sort(files, (a, b) -> Integer.compare(version(a), version(b)));
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS jdbc_loop_version (version int NOT NULL)");
            st.execute("INSERT INTO jdbc_loop_version VALUES (0)");
        }
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement();
                PreparedStatement version = connection.prepareStatement("UPDATE jdbc_loop_version SET version = ?")) {
            for (Path file : files) {
                for (String sql : statements(Files.readString(file, StandardCharsets.UTF_8))) {
                    st.execute(sql);
                }
                version.setInt(1, version(file));
                version.executeUpdate();
                connection.commit();
            }
        }
    }

    /** {@code V12__name.sql} is version 12. */
    private static int version(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    /** The statements of a file whose statements each end with a semicolon at the end of a line; comment lines dropped. */
    private static List<String> statements(String text) {
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.startsWith("--")) {
                kept.append(line).append('\n');
            }
        }
        return Arrays.stream(kept.toString().split(";\n"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}

package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java migrations from the command line: a class compiled into a directory the CLI does not know,
 * put on the class path with {@code --classpath} and found with {@code --java-package}, runs between
 * two SQL revisions on a fresh PostgreSQL database and shows in {@code history} and offline SQL.
 */
class JavaMigrationsCliIT {
    private static final String MIGRATION = """
            package com.acme.mig;

            import dev.migrations.spi.JavaMigration;
            import dev.migrations.spi.Migration;
            import dev.migrations.spi.MigrationContext;

            @Migration(id = "bbbb", revises = "aaaa", message = "Backfill in Java")
            public class V2Backfill implements JavaMigration {
                @Override
                public void upgrade(MigrationContext context) {
                    context.execute("INSERT INTO users (id) VALUES (1), (2)");
                }

                @Override
                public void downgrade(MigrationContext context) {
                    context.execute("DELETE FROM users");
                }
            }
            """;

    @TempDir
    Path dir;

    private final TestDatabases databases = new TestDatabases();
    private String url;
    private Path classes;

    @BeforeEach
    void createDatabase() throws Exception {
        url = databases.url("postgresql");
        script("aaaa", "", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
        script(
                "cccc",
                "bbbb",
                "ALTER TABLE users ADD COLUMN email varchar(100);",
                "ALTER TABLE users DROP COLUMN email;");
        classes = compile();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        databases.dropAll();
    }

    private void script(String id, String revises, String up, String down) throws IOException {
        CliRun.script(dir.resolve("db/migrations"), id, revises, up, down);
    }

    /** Compiles the migration against the test's class path into a directory of its own. */
    private Path compile() throws IOException {
        Path src = dir.resolve("src/com/acme/mig/V2Backfill.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, MIGRATION, StandardCharsets.UTF_8);
        Path out = dir.resolve("classes");
        Files.createDirectories(out);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int exit = compiler.run(
                null,
                null,
                null,
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                out.toString(),
                src.toString());
        assertThat(exit).as("javac exit code").isZero();
        return out;
    }

    private CliRun run(String... args) {
        return CliRun.in(dir.resolve("db/migrations"), TestDatabases.env(url), args);
    }

    private long users() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestDatabases.pgUser(), TestDatabases.pgPassword());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM users")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void javaMigrationOnTheGivenClasspathRunsBetweenSqlRevisions() throws SQLException {
        String[] java = {"--classpath", classes.toString(), "--java-package", "com.acme.mig"};

        CliRun upgrade = run(concat(java, "upgrade", "head"));
        assertThat(upgrade.exit()).as(upgrade.out() + upgrade.err()).isZero();
        assertThat(users()).isEqualTo(2);
        assertThat(run(concat(java, "current")).out()).isEqualTo("cccc (head)\n");
        assertThat(run(concat(java, "history")).out())
                .contains("aaaa -> bbbb, Backfill in Java")
                .contains("bbbb -> cccc (head), revision cccc");
        assertThat(run(concat(java, "show", "bbbb")).out()).contains("Path: com.acme.mig.V2Backfill");

        assertThat(run(concat(java, "downgrade", "aaaa")).exit()).isZero();
        assertThat(users()).isZero();
    }

    @Test
    void offlineSqlContainsTheJavaMigrationsStatements() {
        CliRun sql =
                run("--classpath", classes.toString(), "--java-package", "com.acme.mig", "upgrade", "head", "--sql");

        assertThat(sql.exit()).as(sql.out() + sql.err()).isZero();
        assertThat(sql.out())
                .contains("-- Running upgrade aaaa -> bbbb\n\nINSERT INTO users (id) VALUES (1), (2);\n\n");
    }

    @Test
    void configFileNamesTheJavaPackages() throws IOException {
        Path config = dir.resolve("application.properties");
        Files.writeString(config, "migrations.java-packages=com.acme.mig\n", StandardCharsets.UTF_8);

        CliRun history = run("--config", config.toString(), "--classpath", classes.toString(), "history");

        assertThat(history.exit()).as(history.out() + history.err()).isZero();
        assertThat(history.out()).contains("aaaa -> bbbb, Backfill in Java");
    }

    @Test
    void withoutTheClasspathThePackageIsReportedMissing() {
        CliRun run = run("--java-package", "com.acme.mig", "heads");

        assertThat(run.exit()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        assertThat(run.out()).startsWith("FAILED: Java migration package 'com.acme.mig' is not on the classpath");
    }

    @Test
    void missingClasspathEntryIsAnError() {
        CliRun run = run("--classpath", dir.resolve("nope").toString(), "heads");

        assertThat(run.exit()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        assertThat(run.out()).contains("--classpath entry").contains("does not exist");
    }

    private static String[] concat(String[] first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}

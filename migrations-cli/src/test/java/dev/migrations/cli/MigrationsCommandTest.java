package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Drives the command line in process on a small graph: {@code a <- b}, then {@code b} branches
 * into {@code c} (label {@code billing}) and {@code d}.
 */
class MigrationsCommandTest {
    @TempDir
    Path dir;

    private Path scripts;

    /** What one run printed and returned. */
    @BeforeEach
    void writeScripts() throws IOException {
        scripts = dir.resolve("db/migrations");
        Files.createDirectories(scripts);
        script(
                "a_create_users.sql",
                "create users",
                "a",
                "",
                "",
                "CREATE TABLE users (id bigint PRIMARY KEY);",
                "DROP TABLE users;");
        script(
                "b_add_email.sql",
                "add email",
                "b",
                "a",
                "",
                "ALTER TABLE users ADD COLUMN email text;",
                "ALTER TABLE users DROP COLUMN email;");
        script(
                "c_create_invoices.sql",
                "create invoices",
                "c",
                "b",
                "-- Branch Labels: billing\n",
                "CREATE TABLE invoices (id bigint);",
                "DROP TABLE invoices;");
        script(
                "d_create_audit.sql",
                "create audit",
                "d",
                "b",
                "",
                "CREATE TABLE audit (id bigint);",
                "DROP TABLE audit;");
    }

    private void script(String file, String message, String id, String revises, String extra, String up, String down)
            throws IOException {
        String text = "-- " + message + "\n--\n-- Revision ID: " + id + "\n-- Revises: " + revises
                + "\n-- Create Date: 2026-11-24 07:00:00.000000\n" + extra + "\n-- migrate:upgrade\n" + up
                + "\n\n-- migrate:downgrade\n" + down + "\n";
        Files.writeString(scripts.resolve(file), text, StandardCharsets.UTF_8);
    }

    private CliRun run(String... args) {
        return runWithEnv(Map.of(), args);
    }

    private CliRun runWithEnv(Map<String, String> env, String... args) {
        return CliRun.in(scripts, env, args);
    }

    private static CliRun runRaw(Map<String, String> env, String... args) {
        return CliRun.of(env, args);
    }

    private String path(String file) {
        return scripts.resolve(file).toAbsolutePath().normalize().toString();
    }

    private String logEntry(String rev, String markers, String parent, String extra, String file, String message) {
        return "Rev: " + rev + markers + "\n"
                + "Parent: " + parent + "\n"
                + extra
                + "Path: " + path(file) + "\n"
                + "\n"
                + "    " + message + "\n"
                + "    \n"
                + "    Revision ID: " + rev + "\n"
                + "    Revises: " + (parent.equals("<base>") ? "" : parent) + "\n"
                + "    Create Date: 2026-11-24 07:00:00.000000\n";
    }

    @Test
    void headsPrintsEachHeadWithLabelsAndHeadMarker() {
        CliRun run = run("heads");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("c (billing) (head)\nd (head)\n");
    }

    @Test
    void verboseHeadsPrintsLogEntriesEachFollowedByABlankLine() {
        CliRun run = run("heads", "-v");

        assertThat(run.out())
                .isEqualTo(logEntry(
                                "c",
                                " (head)",
                                "b",
                                "Branch names: billing\n",
                                "c_create_invoices.sql",
                                "create invoices")
                        + "\n"
                        + logEntry("d", " (head)", "b", "", "d_create_audit.sql", "create audit") + "\n");
    }

    @Test
    void branchesPrintsTheBranchPointWithIndentedChildrenAndABlankLine() {
        CliRun run = run("branches");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("b (branchpoint)\n  -> c (billing) (head)\n  -> d (head)\n\n");
    }

    @Test
    void verboseBranchesAddsTheDocToEachChild() {
        CliRun run = run("branches", "-v");

        assertThat(run.out())
                .isEqualTo(logEntry("b", " (branchpoint)", "a", "Branches into: c, d\n", "b_add_email.sql", "add email")
                        + "\n  -> c (billing) (head), create invoices\n  -> d (head), create audit\n\n");
    }

    @Test
    void historyListsNewestFirstWithParentsMarkersAndMessages() {
        CliRun run = run("history");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("""
                        b -> c (billing) (head), create invoices
                        b -> d (head), create audit
                        a -> b (branchpoint), add email
                        <base> -> a, create users
                        """);
    }

    @Test
    void verboseHistoryPrintsLogEntries() {
        CliRun run = run("history", "-v");

        assertThat(run.out())
                .isEqualTo(logEntry(
                                "c",
                                " (head)",
                                "b",
                                "Branch names: billing\n",
                                "c_create_invoices.sql",
                                "create invoices")
                        + "\n"
                        + logEntry("d", " (head)", "b", "", "d_create_audit.sql", "create audit") + "\n"
                        + logEntry("b", " (branchpoint)", "a", "Branches into: c, d\n", "b_add_email.sql", "add email")
                        + "\n"
                        + logEntry("a", "", "<base>", "", "a_create_users.sql", "create users") + "\n");
    }

    @Test
    void historyRangeAcceptsAStartThatLooksLikeAnOption() {
        CliRun equals = run("history", "-r=a:b");
        CliRun negative = run("history", "-r=-1:d");
        CliRun separate = run("history", "-r", "-1:d");

        assertThat(equals.out()).isEqualTo("a -> b (branchpoint), add email\n<base> -> a, create users\n");
        assertThat(negative.exit()).isZero();
        assertThat(negative.out()).startsWith("b -> d (head), create audit\n");
        assertThat(separate.out()).isEqualTo(negative.out());
    }

    @Test
    void historyWithoutAColonFailsWithAlembicsMessage() {
        CliRun run = run("history", "-r", "b");

        assertThat(run.exit()).isEqualTo(255);
        assertThat(run.out()).isEqualTo("FAILED: History range requires [start]:[end], [start]:, or :[end]\n");
    }

    @Test
    void showPrintsTheLogEntryAndABlankLine() {
        CliRun run = run("show", "b");

        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .isEqualTo(logEntry("b", " (branchpoint)", "a", "Branches into: c, d\n", "b_add_email.sql", "add email")
                        + "\n");
    }

    @Test
    void showOfAnUnknownRevisionFails() {
        CliRun run = run("show", "zzzz");

        assertThat(run.exit()).isEqualTo(255);
        assertThat(run.out())
                .isEqualTo(
                        "FAILED: Can't locate revision identified by 'zzzz' (No such revision or branch 'zzzz'); give a"
                                + " revision id or a unique start of one, a branch label, head, heads or base, optionally with"
                                + " @head, +N or -N ('migrations history' lists the revisions)\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void upgradeSqlPrintsTheScriptWithOneTransactionPerRevision() {
        CliRun run = run("upgrade", "b", "--sql");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("""
                        BEGIN;

                        CREATE TABLE alembic_version (
                            version_num VARCHAR(32) NOT NULL,\s
                            CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
                        );

                        -- Running upgrade  -> a

                        CREATE TABLE users (id bigint PRIMARY KEY);

                        INSERT INTO alembic_version (version_num) VALUES ('a') RETURNING alembic_version.version_num;

                        COMMIT;

                        BEGIN;

                        -- Running upgrade a -> b

                        ALTER TABLE users ADD COLUMN email text;

                        UPDATE alembic_version SET version_num='b' WHERE alembic_version.version_num = 'a';

                        COMMIT;

                        """);
    }

    @Test
    void upgradeSqlInOneTransactionWhenAskedTo() {
        CliRun run = run("--no-transaction-per-migration", "upgrade", "b", "--sql");

        assertThat(run.out()).startsWith("BEGIN;\n\nCREATE TABLE").endsWith("= 'a';\n\nCOMMIT;\n\n");
        assertThat(run.out().split("BEGIN;", -1)).hasSize(2);
    }

    @Test
    void downgradeAndStampSqlPrintTheirScripts() {
        CliRun downgrade = run("downgrade", "--sql", "b:a");
        CliRun stamp = run("stamp", "--sql", "c");

        assertThat(downgrade.out()).isEqualTo("""
                        BEGIN;

                        -- Running downgrade b -> a

                        ALTER TABLE users DROP COLUMN email;

                        UPDATE alembic_version SET version_num='a' WHERE alembic_version.version_num = 'b';

                        COMMIT;

                        """);
        assertThat(stamp.out())
                .contains("-- Running stamp_revision  -> c\n\n")
                .contains("INSERT INTO alembic_version (version_num) VALUES ('c') RETURNING");
    }

    @Test
    void upgradeToAmbiguousHeadFailsWithAlembicsAdvice() {
        CliRun run = run("upgrade", "head", "--sql");

        assertThat(run.exit()).isEqualTo(255);
        assertThat(run.out())
                .isEqualTo("FAILED: Multiple head revisions are present for given argument 'head'; please specify a"
                        + " specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads'"
                        + " for all heads\n");
    }

    @Test
    void rangesNeedSqlMode() {
        assertThat(run("upgrade", "a:b"))
                .isEqualTo(new CliRun(
                        255,
                        "FAILED: Range revision not allowed: a range start:end only renders offline SQL (add --sql); a run on the database takes one target revision\n",
                        ""));
        assertThat(run("downgrade", "b:a"))
                .isEqualTo(new CliRun(
                        255,
                        "FAILED: Range revision not allowed: a range start:end only renders offline SQL (add --sql); a run on the database takes one target revision\n",
                        ""));
        assertThat(run("downgrade", "--sql", "a").out())
                .isEqualTo("FAILED: downgrade with --sql requires <fromrev>:<torev>\n");
    }

    @Test
    void stampCannotPurgeInSqlMode() {
        CliRun run = run("stamp", "--sql", "--purge", "b");

        assertThat(run).isEqualTo(new CliRun(255, "FAILED: Can't use --purge with --sql mode\n", ""));
    }

    @Test
    void onlineCommandsExplainThatTheyNeedADatabase() {
        assertThat(run("history", "-i").out())
                .isEqualTo("FAILED: 'history -i' needs a database connection: give --url (or MIGRATIONS_URL, or"
                        + " --config with spring.datasource.url)\n");
        assertThat(run("current").exit()).isEqualTo(255);
        assertThat(run("show", "current").out()).startsWith("FAILED: 'show current' needs a database connection");
        CliRun downgrade = run("downgrade", "-1");
        assertThat(downgrade.exit()).isEqualTo(255);
        assertThat(downgrade.out())
                .isEqualTo("FAILED: 'downgrade' needs a database connection: give --url (or MIGRATIONS_URL, or"
                        + " --config with spring.datasource.url), or use --sql to print the SQL script instead\n");
    }

    @Test
    void databaseCommandsWithoutAConnectionFailClearly() {
        assertThat(run("check").out()).startsWith("FAILED: 'check' needs a database connection");
        assertThat(run("revision", "--autogenerate", "--sql").out())
                .isEqualTo("FAILED: Using --sql with --autogenerate does not make any sense\n");
        assertThat(run("revision", "-m", "x", "--autogenerate").out())
                .startsWith("FAILED: 'revision --autogenerate' needs a database connection");
        assertThat(run("status").out()).startsWith("FAILED: 'status' needs a database connection");
    }

    @Test
    void usageErrorsGoToStderrWithExitCode2() {
        CliRun unknown = run("heads", "--bogus");
        CliRun missing = runRaw(Map.of());
        CliRun missingRevision = run("upgrade", "--sql");

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).isEqualTo("""
                        Unknown option: '--bogus'
                        Usage: migrations heads [-hv] [--resolve-dependencies]
                        Try 'migrations heads --help' for more information.
                        """);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err())
                .startsWith("Missing command; see the list below\nUsage: migrations")
                .contains("Commands:");
        assertThat(missingRevision.exit()).isEqualTo(2);
        assertThat(missingRevision.err()).contains("REVISION");
    }

    @Test
    void theUsageListsEveryCommandAndAMistypedOneGetsASuggestion() {
        CliRun help = runRaw(Map.of(), "--help");
        CliRun typo = runRaw(Map.of(), "upgrad", "head");

        assertThat(help.exit()).isZero();
        for (String name : Subcommands.COMMANDS) {
            assertThat(help.out()).containsPattern("(?m)^  " + name + " ");
        }
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("Did you mean: migrations upgrade");
    }

    @Test
    void eachCommandNameMakesTheCommandOfThatName() {
        for (String name : Subcommands.COMMANDS) {
            assertThat(new CommandLine(Subcommands.newSubcommand(name)).getCommandName())
                    .isEqualTo(name);
        }
    }

    @Test
    void theInvokedCommandIsTheFirstCommandNameThatIsNotAnOptionsValue() {
        var spec = new CommandLine(new MigrationsCommand(Map.of())).getCommandSpec();

        assertThat(Subcommands.invokedCommand(spec, new String[] {"--url=jdbc:h2:mem:x", "upgrade", "head"}))
                .isEqualTo("upgrade");
        assertThat(Subcommands.invokedCommand(
                        spec, new String[] {"--schema", "history", "--verbose", "--location", "show", "heads"}))
                .isEqualTo("heads");
        assertThat(Subcommands.invokedCommand(spec, new String[] {"--validate-checksums", "stamp", "a"}))
                .isEqualTo("stamp");
        assertThat(Subcommands.invokedCommand(spec, new String[] {"show", "current"}))
                .isEqualTo("show");
        assertThat(Subcommands.invokedCommand(spec, new String[] {"--help"})).isNull();
        assertThat(Subcommands.invokedCommand(spec, new String[] {"--", "upgrade"}))
                .isNull();
    }

    @Test
    void optionValuesThatSpellACommandDoNotChooseTheCommand() throws IOException {
        // A schema named like a command: the command is the one after it.
        Path config = Files.writeString(
                dir.resolve("application.properties"),
                "migrations.locations=filesystem:" + scripts.toAbsolutePath() + "\n");
        CliRun heads = runRaw(Map.of(), "--config", config.toString(), "--version-table", "history", "heads");

        assertThat(heads.exit()).isZero();
        assertThat(heads.out()).contains("(head)");
    }

    @Test
    void jsonIsOnlyForReadCommands() {
        CliRun run = run("--format", "json", "upgrade", "b", "--sql");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--format json is available for heads, branches, history, show and current");
    }

    @Test
    void verboseAddsTheStackTraceOnStderr() {
        CliRun quiet = run("show", "zzzz");
        CliRun verbose = run("--verbose", "show", "zzzz");

        assertThat(quiet.err()).isEmpty();
        assertThat(verbose.out()).isEqualTo(quiet.out());
        assertThat(verbose.err()).contains("dev.migrations.MigrationsException").contains("\tat ");
    }

    @Test
    void unexpectedErrorsAreReportedAsBugsWithExitCode1() {
        MigrationsCommand command = new MigrationsCommand(Map.of());
        CommandLine commandLine = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));

        int exit = command.handle(new IllegalStateException("boom"), commandLine, null);

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("FAILED: java.lang.IllegalStateException: boom\n");
        assertThat(err.toString()).contains("rerun with --verbose");
    }

    @Test
    void jsonListsRevisionsWithTheirGraphFacts() {
        CliRun run = run("--format", "json", "show", "c");

        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .isEqualTo("[\n"
                        + "  {\n"
                        + "    \"revision\": \"c\",\n"
                        + "    \"downRevisions\": [\"b\"],\n"
                        + "    \"dependsOn\": [],\n"
                        + "    \"branchLabels\": [\"billing\"],\n"
                        + "    \"nextRevisions\": [],\n"
                        + "    \"message\": \"create invoices\",\n"
                        + "    \"path\": " + Json.quote(path("c_create_invoices.sql")) + ",\n"
                        + "    \"head\": true,\n"
                        + "    \"effectiveHead\": false,\n"
                        + "    \"branchPoint\": false,\n"
                        + "    \"mergePoint\": false\n"
                        + "  }\n"
                        + "]\n");
        assertThat(run("--format", "JSON", "branches").out()).contains("\"nextRevisions\": [\"c\", \"d\"]");
        assertThat(run("--format", "json", "history", "-r", "c:c").out()).startsWith("[\n  {\n    \"revision\": \"c\"");
    }

    @Test
    void propertiesConfigSetsLocationsVersionTableAndDialect() throws IOException {
        Path config = dir.resolve("application.properties");
        Files.writeString(
                config,
                "spring.datasource.url=jdbc:h2:mem:app\n"
                        + "spring.datasource.password=s3cret\n"
                        + "migrations.locations=filesystem:" + scripts + "\n"
                        + "migrations.version-table=app_versions\n");

        CliRun run = runRaw(Map.of(), "--config", config.toString(), "upgrade", "a", "--sql");

        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .contains("CREATE TABLE app_versions (")
                .contains("INSERT INTO app_versions (version_num) VALUES ('a');\n\n")
                .doesNotContain("RETURNING");
    }

    @Test
    void yamlConfigResolvesClasspathLocationsAgainstItsDirectoryAndPlaceholders() throws IOException {
        Path resources = dir.resolve("resources");
        Files.createDirectories(resources.resolve("db"));
        Files.move(scripts, resources.resolve("db/migrations"));
        Path config = resources.resolve("application.yml");
        Files.writeString(config, """
                # app settings
                spring:
                  datasource:
                    url: "jdbc:postgresql://localhost/app"   # local
                migrations:
                  locations:
                    - classpath:db/migrations
                  versionTable: ${VERSION_TABLE:yaml_versions}
                ---
                spring.config.activate.on-profile: dev
                migrations:
                  version-table: ignored
                """);

        CliRun run = runRaw(Map.of(), "--config", config.toString(), "stamp", "--sql", "a");
        CliRun heads = runRaw(Map.of(), "--config", config.toString(), "heads");
        CliRun fromEnv =
                runRaw(Map.of("VERSION_TABLE", "env_versions"), "--config", config.toString(), "stamp", "--sql", "a");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("INSERT INTO yaml_versions (version_num) VALUES ('a') RETURNING");
        assertThat(heads.out()).isEqualTo("c (billing) (head)\nd (head)\n");
        assertThat(fromEnv.out()).contains("INSERT INTO env_versions");
    }

    @Test
    void malformedYamlIsRefusedWithTheLine() throws IOException {
        Path config = dir.resolve("application.yaml");
        Files.writeString(config, "migrations:\n  locations: [foo\n  version-table: x\n");

        CliRun run = runRaw(Map.of(), "--config", config.toString(), "heads");

        assertThat(run.exit()).isEqualTo(255);
        assertThat(run.out()).startsWith("FAILED: Config file " + config + ":3: ");
    }

    @Test
    void yamlProfileDocumentAppliesWhenItsProfileIsActive() throws IOException {
        Path config = dir.resolve("application.yml");
        Files.writeString(config, """
                spring.datasource.url: jdbc:postgresql://localhost/app
                migrations:
                  locations: &scripts [ "filesystem:%s" ]
                  version-table: app_versions
                ---
                spring.config.activate.on-profile: dev
                migrations.version-table: dev_versions
                """.formatted(scripts));

        CliRun plain = runRaw(Map.of(), "--config", config.toString(), "stamp", "--sql", "a");
        CliRun dev =
                runRaw(Map.of("SPRING_PROFILES_ACTIVE", "dev"), "--config", config.toString(), "stamp", "--sql", "a");

        assertThat(plain.out()).contains("INSERT INTO app_versions (version_num) VALUES ('a') RETURNING");
        assertThat(dev.out()).contains("INSERT INTO dev_versions (version_num) VALUES ('a') RETURNING");
    }

    @Test
    void environmentUrlPicksTheDialectAndOptionsWin() {
        CliRun h2 = runWithEnv(Map.of("MIGRATIONS_URL", "jdbc:h2:mem:x"), "upgrade", "a", "--sql");
        CliRun pg = runWithEnv(
                Map.of("MIGRATIONS_URL", "jdbc:h2:mem:x"), "--dialect", "postgresql", "upgrade", "a", "--sql");

        assertThat(h2.out()).doesNotContain("RETURNING");
        assertThat(pg.out()).contains("RETURNING");
    }

    @Test
    void passwordsAreNeverPrinted() {
        CliRun run = runWithEnv(
                Map.of("MIGRATIONS_PASSWORD", "envsecret"),
                "--verbose",
                "--password",
                "s3cret",
                "--url",
                "jdbc:mysql://user:s3cret@db/app",
                "upgrade",
                "a",
                "--sql");

        assertThat(run.exit()).isEqualTo(255);
        assertThat(run.out())
                .isEqualTo("FAILED: The database of --url (jdbc:mysql:) is not supported yet; supported: postgresql,"
                        + " h2. Give --dialect to render SQL for one of them\n");
        assertThat(run.out() + run.err()).doesNotContain("s3cret").doesNotContain("envsecret");
    }
}

package dev.migrations.cli;

import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.StartRefusedException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code migrations} command: global options, the subcommands, and how errors become exit
 * codes. Alembic's conventions: a command error prints {@code FAILED: <message>} on stdout and
 * exits 255; a usage error prints the usage on stderr and exits 2; anything else is a bug and
 * exits 1.
 *
 * <pre>{@code
 * migrations --location db/migrations history -v
 * migrations --config src/main/resources/application.properties upgrade heads --sql
 * }</pre>
 */
@Command(
        name = "migrations",
        mixinStandardHelpOptions = true,
        versionProvider = MigrationsCommand.Version.class,
        sortOptions = false,
        description = "Alembic's revision model for SQL migrations: revision graphs, upgrades, downgrades, stamps"
                + " and offline SQL.")
public final class MigrationsCommand implements Callable<Integer> {
    /** Exit code of a command error ({@code FAILED: ...}), as Alembic's {@code sys.exit(-1)}. */
    public static final int EXIT_FAILED = 255;
    /** Exit code of a usage error. */
    public static final int EXIT_USAGE = 2;
    /** Exit code of an unexpected error (a bug). */
    public static final int EXIT_BUG = 1;

    private static final String MISSING_COMMAND = "Missing command; see the list below";

    /** Output format of the read commands. */
    enum Format {
        TEXT,
        JSON
    }

    private final Map<String, String> env;
    private final boolean terminal;
    private Settings settings;
    private ConfigFile configFile;
    private Migrations migrations;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--url",
            paramLabel = "JDBC_URL",
            description = "JDBC URL of the database (env MIGRATIONS_URL; else spring.datasource.url of --config).")
    String url;

    @Option(
            names = "--user",
            paramLabel = "USER",
            description = "Database user (env MIGRATIONS_USER; else spring.datasource.username).")
    String user;

    @Option(
            names = "--password",
            paramLabel = "PASSWORD",
            description =
                    "Database password (env MIGRATIONS_PASSWORD; else spring.datasource.password). Never printed.")
    String password;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "A Spring Boot application.properties or application.yml (read as Spring Boot reads it,"
                    + " profile documents included) to read"
                    + " spring.datasource.* and migrations.* from; classpath: locations resolve against its"
                    + " directory.")
    Path config;

    @Option(
            names = "--location",
            paramLabel = "LOCATION",
            description = "Where revision scripts live, repeatable: filesystem:DIR, classpath:DIR or a directory"
                    + " (default: migrations.locations of --config, else filesystem:db/migrations).")
    List<String> locations = new ArrayList<>();

    @Option(
            names = "--version-table",
            paramLabel = "TABLE",
            description = "Version table name (default: migrations.version-table, else alembic_version).")
    String versionTable;

    @Option(
            names = "--schema",
            paramLabel = "SCHEMA",
            description = "Schema of the version table (default: migrations.schema, else the connection's).")
    String schema;

    @Option(
            names = "--dialect",
            paramLabel = "DB",
            description = "Database offline SQL is written for: postgresql or h2 (default: from --url, else"
                    + " postgresql).")
    String dialect;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "Output of heads, branches, history, show, current, status and lint: text (default) or json.")
    Format format = Format.TEXT;

    @Option(names = "--verbose", description = "Print stack traces of errors to stderr.")
    boolean verbose;

    @Option(
            names = "--transaction-per-migration",
            negatable = true,
            arity = "0..1",
            fallbackValue = "true",
            paramLabel = "BOOLEAN",
            description = "Give each revision its own transaction (default: true, or"
                    + " migrations.transaction-per-migration); --no-transaction-per-migration uses one for the run.")
    Boolean transactionPerMigration;

    @Mixin
    LockOptions lock = new LockOptions();

    @Option(
            names = "--validate-checksums",
            negatable = true,
            arity = "0..1",
            fallbackValue = "true",
            paramLabel = "BOOLEAN",
            description = "Refuse to run when an applied revision's script changed since (default: true, or"
                    + " migrations.validate-checksums); --no-validate-checksums only warns.")
    Boolean validateChecksums;

    @Option(
            names = "--java-package",
            paramLabel = "PACKAGE",
            description = "Package (with subpackages) to scan for Java migrations (classes annotated with"
                    + " @Migration), repeatable (default: migrations.java-packages of --config).")
    List<String> javaPackages = new ArrayList<>();

    @Option(
            names = "--classpath",
            paramLabel = "PATH",
            description = "Directories and jars holding Java migrations, model entities and their dependencies,"
                    + " repeatable; entries may also be joined with the platform's path separator.")
    List<String> classpath = new ArrayList<>();

    /** Creates the command with the process environment. */
    public MigrationsCommand() {
        this(System.getenv());
    }

    MigrationsCommand(Map<String, String> env) {
        this(env, false);
    }

    private MigrationsCommand(Map<String, String> env, boolean terminal) {
        this.env = Map.copyOf(env);
        this.terminal = terminal;
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line on the process's stdout, stderr and environment.
     *
     * @return the exit code: 0, {@link #EXIT_FAILED}, {@link #EXIT_USAGE} or {@link #EXIT_BUG}
     */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
        return run(new MigrationsCommand(System.getenv(), FleetProgress.stderrIsTerminal()), out, err, args);
    }

    /**
     * Runs the command line on the given streams and environment (what tests call).
     *
     * @return the exit code
     */
    static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
        return run(new MigrationsCommand(env), out, err, args);
    }

    private static int run(MigrationsCommand command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = Subcommands.commandLine(command, args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(command::handle);
        commandLine.setParameterExceptionHandler(MigrationsCommand::usageError);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Without a subcommand: the usage, as a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), MISSING_COMMAND);
    }

    /** Maps an error thrown by a command to its output and exit code. */
    int handle(Exception error, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter out = commandLine.getOut();
        PrintWriter err = commandLine.getErr();
        if (error instanceof MigrationsException) {
            String action = error instanceof StartRefusedException refused ? " " + refused.action() : "";
            out.print("FAILED: " + error.getMessage() + action + "\n");
            out.flush();
            if (verbose) {
                error.printStackTrace(err);
            }
            return EXIT_FAILED;
        }
        String message = error.getMessage() == null ? "" : ": " + error.getMessage();
        out.print("FAILED: " + error.getClass().getName() + message + "\n");
        out.flush();
        if (verbose) {
            error.printStackTrace(err);
        } else {
            err.print("This is a bug in migrations; rerun with --verbose for the stack trace and report it.\n");
        }
        err.flush();
        return EXIT_BUG;
    }

    /**
     * A usage error: the problem, the command's synopsis and where to find more, on stderr (as
     * argparse does); without a known command, the whole usage with the list of commands.
     */
    static int usageError(ParameterException error, String[] args) {
        CommandLine commandLine = error.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.print(error.getMessage() + "\n");
        UnmatchedArgumentException.printSuggestions(error, err);
        boolean commandUnknown =
                error instanceof UnmatchedArgumentException || MISSING_COMMAND.equals(error.getMessage());
        if (commandLine.getParent() == null && commandUnknown) {
            commandLine.usage(err);
        } else {
            err.print(commandLine.getHelp().fullSynopsis());
            err.print("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.\n");
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The settings from options, environment and config file (resolved once). */
    Settings settings() {
        if (settings == null) {
            settings = Settings.resolve(
                    new Settings.Given(
                            url,
                            user,
                            password,
                            config,
                            locations,
                            versionTable,
                            schema,
                            dialect,
                            transactionPerMigration,
                            lock.lockWaitTimeout,
                            lock.ddlLockTimeout,
                            lock.statementTimeout,
                            validateChecksums,
                            javaPackages,
                            classpath,
                            lock.lockMode,
                            lock.leaseExpiry,
                            lock.ddlLockRetries,
                            lock.ddlLockRetryDelay),
                    env);
        }
        return settings;
    }

    /** The engine, loaded once per run. */
    Migrations migrations() {
        if (migrations == null) {
            migrations = Migrations.load(settings().migrationsConfig());
        }
        return migrations;
    }

    /**
     * The engine with its database connection, for commands that need one.
     *
     * @param command the command as typed, for the message when no database is configured
     * @param hint what to do instead, appended to that message (may be empty)
     */
    Migrations online(String command, String hint) {
        if (settings().url() == null) {
            throw new MigrationsException("'" + command + "' needs a database connection: give --url (or"
                    + " MIGRATIONS_URL, or --config with spring.datasource.url)" + hint);
        }
        return migrations();
    }

    /** A setting of {@code --config} (placeholders resolved against the environment), if given there. */
    java.util.Optional<String> configValue(String key) {
        if (config == null) {
            return java.util.Optional.empty();
        }
        if (configFile == null) {
            configFile = ConfigFile.read(config, env);
        }
        return configFile.get(key, env);
    }

    /** The output format of the read commands. */
    Format format() {
        return format;
    }

    /** The environment the command runs with. */
    Map<String, String> env() {
        return env;
    }

    /**
     * Whether the process's stderr is a terminal, for the progress line of fleet runs; false when
     * run on given streams (tests).
     */
    boolean terminal() {
        return terminal;
    }

    /** The version {@code --version} prints, from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = number();
            return new String[] {"migrations " + (version == null ? "(development build)" : version)};
        }

        /** The version from the jar's manifest, or null in a development build. */
        static String number() {
            return MigrationsCommand.class.getPackage().getImplementationVersion();
        }
    }
}

package dev.migrations.cli;

import dev.migrations.EngineSettings;
import dev.migrations.LockMode;
import dev.migrations.MigrationsConfig;
import dev.migrations.MigrationsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line's settings after every source is applied, strongest first: options, then
 * {@code MIGRATIONS_*} environment variables, then the {@code --config} file, then the defaults. The
 * variable of a {@code migrations.*} setting is its name as Spring Boot binds it from the
 * environment ({@code migrations.lock-wait-timeout}: {@code MIGRATIONS_LOCK_WAIT_TIMEOUT}; lists
 * comma-separated), so a container is configured without a file; the connection's are {@code
 * MIGRATIONS_URL}, {@code MIGRATIONS_USER} and {@code MIGRATIONS_PASSWORD}. The password is never
 * part of {@link #toString()}.
 *
 * <p>Public for the Maven plugin, whose parameters resolve exactly as these options do (its POM and
 * {@code -D} values take the options' place); the rest of the command line stays package-private.
 *
 * @param url the JDBC URL, or null
 * @param user the database user, or null
 * @param password the database password, or null
 * @param locations script locations
 * @param versionTable the version table's name
 * @param schema the version table's schema, or null
 * @param dialect the database name offline SQL is rendered for ({@code postgresql}, {@code h2}, or
 *     an unsupported name taken from the URL)
 * @param transactionPerMigration whether each revision gets its own transaction
 * @param classLoader resolves {@code classpath:} locations (the config file's directory is a root)
 * @param lockWaitTimeout how long to wait for another migrator
 * @param ddlLockTimeout PostgreSQL lock_timeout for migration statements, or null
 * @param statementTimeout PostgreSQL statement_timeout for migration statements, or null
 * @param validateChecksums whether changed applied scripts are refused
 * @param javaMigrationPackages packages scanned for Java migrations ({@code --java-package}, else {@code
 *     migrations.java-packages} of the config file)
 * @param lockMode which migration lock PostgreSQL runs take
 * @param leaseExpiry how long a lease outlives its last renewal
 * @param ddlLockRetries how many more times a revision that timed out waiting for a lock is tried
 * @param ddlLockRetryDelay the wait before the first such retry (doubled for each next one)
 */
public record Settings(
        String url,
        String user,
        String password,
        List<String> locations,
        String versionTable,
        String schema,
        String dialect,
        boolean transactionPerMigration,
        ClassLoader classLoader,
        Duration lockWaitTimeout,
        Duration ddlLockTimeout,
        Duration statementTimeout,
        boolean validateChecksums,
        List<String> javaMigrationPackages,
        LockMode lockMode,
        Duration leaseExpiry,
        int ddlLockRetries,
        Duration ddlLockRetryDelay)
        implements EngineSettings {

    private static final Set<String> DIALECTS = Set.of("postgresql", "h2");

    /**
     * What was given on the command line; null (or empty for lists) when not given.
     *
     * @param url {@code --url}
     * @param user {@code --user}
     * @param password {@code --password}
     * @param config {@code --config}
     * @param locations {@code --location}, repeated
     * @param versionTable {@code --version-table}
     * @param schema {@code --schema}
     * @param dialect {@code --dialect}
     * @param transactionPerMigration {@code --[no-]transaction-per-migration}
     * @param lockWaitTimeout {@code --lock-wait-timeout}
     * @param ddlLockTimeout {@code --ddl-lock-timeout}
     * @param statementTimeout {@code --statement-timeout}
     * @param validateChecksums {@code --[no-]validate-checksums}
     * @param javaPackages {@code --java-package}, repeated
     * @param classpath {@code --classpath}, repeated; each may list several entries separated by the
     *     platform's path separator
     * @param lockMode {@code --lock-mode}
     * @param leaseExpiry {@code --lease-expiry}
     * @param ddlLockRetries {@code --ddl-lock-retries}
     * @param ddlLockRetryDelay {@code --ddl-lock-retry-delay}
     */
    public record Given(
            String url,
            String user,
            String password,
            Path config,
            List<String> locations,
            String versionTable,
            String schema,
            String dialect,
            Boolean transactionPerMigration,
            String lockWaitTimeout,
            String ddlLockTimeout,
            String statementTimeout,
            Boolean validateChecksums,
            List<String> javaPackages,
            List<String> classpath,
            String lockMode,
            String leaseExpiry,
            String ddlLockRetries,
            String ddlLockRetryDelay) {

        @Override
        public String toString() {
            return "Given[url=" + (url == null ? null : "<set>") + ", password=" + (password == null ? null : "***")
                    + ", config=" + config + ", locations=" + locations + "]";
        }
    }

    public Settings {
        locations = List.copyOf(locations);
        javaMigrationPackages = List.copyOf(javaMigrationPackages);
    }

    public static Settings resolve(Given given, Map<String, String> env) {
        Optional<ConfigFile> file = Optional.ofNullable(given.config()).map(path -> ConfigFile.read(path, env));
        // A separate migration connection (migrations.url/user/password) wins over the application's.
        boolean ownUrl = file.flatMap(f -> f.get("migrations.url", env)).isPresent();
        String prefix = ownUrl ? "migrations." : "spring.datasource.";
        String url = first(given.url(), env.get("MIGRATIONS_URL"), file, prefix + "url", env);
        String user = first(
                given.user(), env.get("MIGRATIONS_USER"), file, ownUrl ? "migrations.user" : prefix + "username", env);
        if (user == null && ownUrl) {
            user = first(null, null, file, "spring.datasource.username", env);
        }
        String password = first(given.password(), env.get("MIGRATIONS_PASSWORD"), file, prefix + "password", env);
        List<String> locations = list(given.locations(), file, "migrations.locations", env)
                .filter(list -> !list.isEmpty())
                .orElse(List.of(MigrationsConfig.DEFAULT_LOCATION));
        String versionTable = setting(given.versionTable(), file, "migrations.version-table", env);
        String schema = setting(given.schema(), file, "migrations.schema", env);
        String lockMode = setting(given.lockMode(), file, "migrations.lock-mode", env);
        return new Settings(
                url,
                user,
                password,
                locations,
                versionTable == null || versionTable.isBlank() ? MigrationsConfig.DEFAULT_VERSION_TABLE : versionTable,
                schema == null || schema.isBlank() ? null : schema,
                dialect(given.dialect(), url),
                flag(given.transactionPerMigration(), file, "migrations.transaction-per-migration", env),
                ClassPath.loader(given.config(), given.classpath()),
                durationSetting(
                        given.lockWaitTimeout(),
                        file,
                        "migrations.lock-wait-timeout",
                        env,
                        MigrationsConfig.DEFAULT_LOCK_WAIT_TIMEOUT),
                durationSetting(given.ddlLockTimeout(), file, "migrations.ddl-lock-timeout", env, null),
                durationSetting(given.statementTimeout(), file, "migrations.statement-timeout", env, null),
                flag(given.validateChecksums(), file, "migrations.validate-checksums", env),
                list(given.javaPackages(), file, "migrations.java-packages", env)
                        .orElse(List.of()),
                lockMode == null ? LockMode.AUTO : LockMode.parse(lockMode, "lock-mode"),
                durationSetting(
                        given.leaseExpiry(),
                        file,
                        "migrations.lease-expiry",
                        env,
                        MigrationsConfig.DEFAULT_LEASE_EXPIRY),
                count(source(given.ddlLockRetries(), file, "migrations.ddl-lock-retries", env)),
                durationSetting(
                        given.ddlLockRetryDelay(),
                        file,
                        "migrations.ddl-lock-retry-delay",
                        env,
                        MigrationsConfig.DEFAULT_DDL_LOCK_RETRY_DELAY));
    }

    /**
     * A setting's value and where it came from, as an error names it: {@code --name} for an option, the
     * variable, or the property and the file it is in.
     */
    private record Source(String value, String name) {}

    /**
     * What names a fleet of tenants for the command line, as a message names it ({@code
     * MIGRATIONS_TENANTS_LIST}, or {@code migrations.tenants.query' in '<file>}), or empty when nothing
     * does: the Maven plugin, whose goals run on one database, says so when a fleet is named.
     *
     * @param config the {@code --config} file, or null
     */
    public static Optional<String> fleetNamedBy(Path config, Map<String, String> env) {
        List<String> keys = List.of(TenantSettings.PREFIX + "list", TenantSettings.PREFIX + "query");
        for (String key : keys) {
            String value = env.get(variable(key));
            if (value != null && !value.isBlank()) {
                return Optional.of(variable(key));
            }
        }
        Optional<ConfigFile> file = Optional.ofNullable(config).map(path -> ConfigFile.read(path, env));
        return keys.stream()
                .filter(key -> file.flatMap(f -> f.get(key, env)).isPresent())
                .findFirst()
                .map(key -> inFile(file, key));
    }

    /** A {@code migrations.*} setting: the option, else its environment variable, else the file's. */
    private static Source source(String option, Optional<ConfigFile> file, String key, Map<String, String> env) {
        if (option != null) {
            return new Source(option, "--" + key.substring("migrations.".length()));
        }
        String fromEnv = env.get(variable(key));
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new Source(fromEnv, variable(key));
        }
        return new Source(file.flatMap(f -> f.get(key, env)).orElse(null), inFile(file, key));
    }

    private static String setting(String option, Optional<ConfigFile> file, String key, Map<String, String> env) {
        return source(option, file, key, env).value();
    }

    /** A count of 0 or more; 0 when not given. */
    static int count(Source source) {
        String value = source.value();
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the setting's name, as for every other setting.
        }
        throw new MigrationsException("'" + source.name() + "' must be a whole number, 0 or more, not '" + value + "'");
    }

    private static Duration durationSetting(
            String option, Optional<ConfigFile> file, String key, Map<String, String> env, Duration fallback) {
        Source source = source(option, file, key, env);
        return duration(source.value(), source.name(), fallback);
    }

    /** A property of the config file as an error names it: {@code migrations.x' in '<file>}, quoted around. */
    private static String inFile(Optional<ConfigFile> file, String property) {
        return file.map(f -> property + "' in '" + f.path()).orElse(property);
    }

    /** A true-or-false setting, true unless set otherwise. */
    private static boolean flag(Boolean option, Optional<ConfigFile> file, String key, Map<String, String> env) {
        Source source = source(option == null ? null : option.toString(), file, key, env);
        return source.value() == null || parseBoolean(source.value(), source.name());
    }

    /** A list setting: the options, else its variable's comma-separated values, else the file's. */
    private static Optional<List<String>> list(
            List<String> options, Optional<ConfigFile> file, String key, Map<String, String> env) {
        if (!options.isEmpty()) {
            return Optional.of(options);
        }
        String value = env.get(variable(key));
        if (value != null && !value.isBlank()) {
            return Optional.of(Arrays.stream(value.split(","))
                    .map(String::strip)
                    .filter(entry -> !entry.isEmpty())
                    .toList());
        }
        return file.flatMap(f -> f.getList(key, env));
    }

    /**
     * The environment variable of a property, in the form the project's examples give the starter
     * (which Spring Boot binds too): {@code migrations.lock-mode}, {@code MIGRATIONS_LOCK_MODE}.
     */
    static String variable(String key) {
        return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static String first(
            String option, String envValue, Optional<ConfigFile> file, String key, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        if (envValue != null && !envValue.isEmpty()) {
            return envValue;
        }
        return file.flatMap(f -> f.get(key, env)).orElse(null);
    }

    /**
     * A duration the way Spring Boot reads one: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h},
     * {@code 2d}, ISO-8601 ({@code PT30S}), or a plain number of seconds (as the starter reads them).
     */
    static Duration duration(String value, String key, Duration fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("-")) {
            // Duration.parse would take "-PT5S"; a negative wait or timeout means nothing here.
            throw new MigrationsException("'" + key + "' must not be negative, not '" + value
                    + "'; give a duration such as 500ms, 30s, 10m or PT30S");
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(v);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new MigrationsException(
                    "'" + key + "' must be a duration such as 500ms, 30s, 10m or PT30S, not '" + value + "'");
        }
    }

    static boolean parseBoolean(String value, String key) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new MigrationsException("'" + key + "' must be true or false, not '" + value + "'");
        };
    }

    /** {@code --dialect}, else the {@code jdbc:<name>:} of the URL, else PostgreSQL. */
    private static String dialect(String option, String url) {
        if (option != null) {
            String name = option.strip().toLowerCase(Locale.ROOT);
            if (!DIALECTS.contains(name)) {
                throw new MigrationsException("Unsupported --dialect '" + option + "'; supported: postgresql, h2");
            }
            return name;
        }
        if (url != null && url.startsWith("jdbc:")) {
            int end = url.indexOf(':', 5);
            return url.substring(5, end < 0 ? url.length() : end).toLowerCase(Locale.ROOT);
        }
        return "postgresql";
    }

    /**
     * Fails unless offline SQL can be rendered for the dialect. The message names only the URL's
     * scheme: the rest of a URL may hold a password.
     */
    public void requireSqlDialect() {
        if (!DIALECTS.contains(dialect)) {
            throw new MigrationsException("The database of --url (jdbc:" + dialect
                    + ":) is not supported yet; supported: postgresql, h2. Give --dialect to render SQL for one"
                    + " of them");
        }
    }

    /** The core's configuration for these settings (with the connection when a URL is given). */
    public MigrationsConfig migrationsConfig() {
        MigrationsConfig.Builder builder = MigrationsConfig.builder();
        if (url != null) {
            builder.url(url, user, password);
        }
        return builder.settings(this)
                .classLoader(classLoader)
                .dialect(DIALECTS.contains(dialect) ? dialect : "postgresql")
                .build();
    }

    @Override
    public String toString() {
        return "Settings[url=" + (url == null ? null : "<set>") + ", user=" + user + ", password="
                + (password == null ? null : "***") + ", locations=" + locations + ", versionTable=" + versionTable
                + ", schema=" + schema + ", dialect=" + dialect + ", transactionPerMigration="
                + transactionPerMigration + "]";
    }
}

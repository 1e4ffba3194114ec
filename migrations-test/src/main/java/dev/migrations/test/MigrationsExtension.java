package dev.migrations.test;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link MigrationTest}: supplies {@link MigrationChecks} to test factory
 * methods and drops the checks' databases when the factory is done. Registered by the annotation, or
 * programmatically with settings of its own:
 *
 * <pre>{@code
 * @RegisterExtension
 * static MigrationsExtension migrations = MigrationsExtension.builder()
 *         .locations("filesystem:src/main/resources/db/migrations")
 *         .url("jdbc:postgresql://localhost:5432/postgres", "postgres", null)
 *         .build();
 * }</pre>
 */
public final class MigrationsExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MigrationsExtension.class);

    private final Builder settings;

    /** The extension as {@link MigrationTest} registers it: settings come from the annotation. */
    public MigrationsExtension() {
        this(null);
    }

    private MigrationsExtension(Builder settings) {
        this.settings = settings;
    }

    /** Starts an extension with its own settings, for {@code @RegisterExtension}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MigrationChecks.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        KitSettings resolved = settings != null ? settings.build(testClass.getClassLoader()) : fromAnnotation(context);
        MigrationChecks checks = new MigrationChecks(resolved, context.getRequiredTestInstance());
        // Closed by JUnit when the test factory's context ends, after its dynamic tests ran.
        context.getStore(NAMESPACE).put(MigrationChecks.class, checks);
        return checks;
    }

    private static KitSettings fromAnnotation(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Optional<MigrationTest> annotation = AnnotationSupport.findAnnotation(testClass, MigrationTest.class);
        if (annotation.isEmpty()) {
            throw new ParameterResolutionException(testClass.getName() + " needs @MigrationTest, or a"
                    + " MigrationsExtension registered with @RegisterExtension and its builder");
        }
        return KitSettings.of(annotation.get(), testClass.getClassLoader());
    }

    /** Settings for a programmatically registered extension; defaults as in {@link MigrationTest}. */
    public static final class Builder {
        private List<String> locations = List.of("classpath:db/migrations");
        private String url;
        private String user;
        private String password;
        private String versionTable = "alembic_version";
        private String model;
        private List<String> irreversible = List.of();
        private DataSource dataSource;

        private Builder() {}

        /** Where the revision scripts live ({@code classpath:} or {@code filesystem:} prefixed). */
        public Builder locations(String... values) {
            this.locations = List.of(values);
            return this;
        }

        /** The PostgreSQL server to create test databases on (a user with {@code CREATEDB}). */
        public Builder url(String jdbcUrl, String userName, String userPassword) {
            this.url = jdbcUrl;
            this.user = userName;
            this.password = userPassword;
            return this;
        }

        /**
         * A PostgreSQL DataSource to test in, for a user who may not create databases: each check then
         * runs in a schema of its own ({@code CREATE SCHEMA mig_check_<hex>}, dropped with {@code
         * CASCADE}) instead of a database of its own.
         */
        public Builder dataSource(DataSource value) {
            this.dataSource = value;
            return this;
        }

        /** The version table, as the application configures it. */
        public Builder versionTable(String value) {
            this.versionTable = value;
            return this;
        }

        /** The model the migrations must produce (as {@code check --model} takes it). */
        public Builder model(String value) {
            this.model = value;
            return this;
        }

        /** Revisions that deliberately cannot be downgraded. */
        public Builder irreversible(String... revisions) {
            this.irreversible = List.of(revisions);
            return this;
        }

        /** The extension. */
        public MigrationsExtension build() {
            return new MigrationsExtension(this);
        }

        KitSettings build(ClassLoader classLoader) {
            return new KitSettings(
                    locations, url, user, password, versionTable, model, irreversible, classLoader, dataSource);
        }
    }
}

package dev.migrations.jpa;

import dev.migrations.MigrationsException;
import dev.migrations.internal.script.ClassScanner;
import dev.migrations.spi.ModelSource;
import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hibernate.HibernateException;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataBuilder;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.tool.schema.SourceType;
import org.hibernate.tool.schema.TargetType;
import org.hibernate.tool.schema.internal.ExceptionHandlerHaltImpl;
import org.hibernate.tool.schema.spi.ContributableMatcher;
import org.hibernate.tool.schema.spi.ExecutionOptions;
import org.hibernate.tool.schema.spi.SchemaManagementTool;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;
import org.hibernate.tool.schema.spi.ScriptSourceInput;
import org.hibernate.tool.schema.spi.ScriptTargetOutput;
import org.hibernate.tool.schema.spi.SourceDescriptor;
import org.hibernate.tool.schema.spi.TargetDescriptor;

/**
 * JPA entities as a model source: Hibernate's schema export renders the {@code CREATE} statements
 * for the entities (as {@code spring.jpa.hibernate.ddl-auto=create} would, with Spring Boot's
 * default physical naming, {@code camelCase} to {@code snake_case}), and they run in the scratch
 * schema. Hibernate renders for the connected database's product and version, without opening
 * connections of its own.
 *
 * <pre>{@code
 * ModelSource model = JpaModelSource.ofPackages(List.of("com.acme.domain"), classLoader);
 * }</pre>
 */
public final class JpaModelSource implements ModelSource {
    private static final List<Class<? extends Annotation>> MAPPED =
            List.of(Entity.class, MappedSuperclass.class, Embeddable.class, Converter.class);

    private final List<String> packages;
    private final List<Class<?>> classes;
    private final ClassLoader classLoader;

    private JpaModelSource(List<String> packages, List<Class<?>> classes, ClassLoader classLoader) {
        this.packages = List.copyOf(packages);
        this.classes = List.copyOf(classes);
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /**
     * The entities (and mapped superclasses, embeddables, converters) found in the packages and their
     * subpackages, loaded with the class loader when the model is loaded.
     */
    public static JpaModelSource ofPackages(List<String> packages, ClassLoader classLoader) {
        return new JpaModelSource(packages, List.of(), classLoader);
    }

    /** The given annotated classes. */
    public static JpaModelSource ofClasses(List<Class<?>> classes) {
        if (classes.isEmpty()) {
            throw new MigrationsException("No JPA entity classes given");
        }
        return new JpaModelSource(List.of(), classes, classes.get(0).getClassLoader());
    }

    @Override
    public String describe() {
        return packages.isEmpty() ? "JPA entities " + names(classes) : "JPA entities in " + String.join(", ", packages);
    }

    private static String names(List<Class<?>> classes) {
        List<String> names = new ArrayList<>();
        for (Class<?> type : classes) {
            names.add(type.getSimpleName());
        }
        return String.join(", ", names);
    }

    @Override
    public void load(Connection connection, String scratchSchema, String dialect) throws SQLException {
        for (String sql : createStatements(connection.getMetaData(), dialect)) {
            try (Statement st = connection.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new SQLException(
                        describe() + ": the database rejected Hibernate's DDL '" + sql + "': " + e.getMessage(),
                        e.getSQLState(),
                        e);
            }
        }
    }

    /**
     * The statements Hibernate's schema export renders for the entities, in order.
     *
     * @param database the connected database, whose version Hibernate renders for
     * @param dialect {@code postgresql} or {@code h2}
     */
    public List<String> createStatements(DatabaseMetaData database, String dialect) throws SQLException {
        List<Class<?>> mapped = classes.isEmpty() ? scan() : classes;
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder()
                .applyClassLoader(classLoader)
                .build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap)
                .applySettings(settings(database, dialect))
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            mapped.forEach(sources::addAnnotatedClass);
            MetadataBuilder builder = sources.getMetadataBuilder();
            builder.applyPhysicalNamingStrategy(new PhysicalNamingStrategySnakeCaseImpl());
            Metadata metadata = builder.build();
            return export(registry, metadata);
        } catch (HibernateException e) {
            throw new MigrationsException(describe() + ": Hibernate could not build the model: " + e.getMessage(), e);
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    private static Map<String, Object> settings(DatabaseMetaData database, String dialect) throws SQLException {
        Map<String, Object> settings = new HashMap<>();
        requireSupported(dialect);
        // Render for the real server's version, but never connect: the scratch connection is ours.
        settings.put("hibernate.boot.allow_jdbc_metadata_access", false);
        settings.put("jakarta.persistence.database-product-name", database.getDatabaseProductName());
        settings.put("jakarta.persistence.database-product-version", database.getDatabaseProductVersion());
        // Hibernate resolves the dialect (PostgreSQLDialect, H2Dialect) from the product and version.
        settings.put("jakarta.persistence.database-major-version", String.valueOf(database.getDatabaseMajorVersion()));
        settings.put("jakarta.persistence.database-minor-version", String.valueOf(database.getDatabaseMinorVersion()));
        settings.put("hibernate.hbm2ddl.auto", "none");
        return settings;
    }

    private static void requireSupported(String dialect) {
        if (!dialect.equals("postgresql") && !dialect.equals("h2")) {
            throw new MigrationsException(
                    "JPA model source: dialect '" + dialect + "' is not supported; supported: postgresql, h2");
        }
    }

    private static List<String> export(StandardServiceRegistry registry, Metadata metadata) {
        Map<String, Object> settings = new HashMap<>(
                registry.requireService(ConfigurationService.class).getSettings());
        ExecutionOptions options =
                SchemaManagementToolCoordinator.buildExecutionOptions(settings, ExceptionHandlerHaltImpl.INSTANCE);
        Collector collector = new Collector();
        registry.requireService(SchemaManagementTool.class)
                .getSchemaCreator(settings)
                .doCreation(metadata, options, ContributableMatcher.ALL, new FromMetadata(), collector);
        return collector.statements;
    }

    private List<Class<?>> scan() {
        List<Class<?>> result = new ArrayList<>();
        for (String pkg : packages) {
            for (String name : ClassScanner.classNames("JPA entity package", pkg, classLoader)) {
                Class<?> type = load(name);
                if (MAPPED.stream().anyMatch(type::isAnnotationPresent)) {
                    result.add(type);
                }
            }
        }
        if (result.isEmpty()) {
            throw new MigrationsException("No JPA entities (@Entity classes) in " + String.join(", ", packages)
                    + "; check the package names and that the compiled entities are on the classpath (CLI:"
                    + " --classpath)");
        }
        return result;
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new MigrationsException(
                    "JPA model source: class " + name + " cannot be loaded (" + e
                            + "); put it and its dependencies on the classpath (CLI: --classpath)",
                    e);
        }
    }

    /** The model comes from the mapping metadata, not from scripts. */
    private static final class FromMetadata implements SourceDescriptor {
        @Override
        public SourceType getSourceType() {
            return SourceType.METADATA;
        }

        @Override
        public ScriptSourceInput getScriptSourceInput() {
            return null;
        }
    }

    /** Collects each rendered statement instead of writing a script or touching a database. */
    private static final class Collector implements TargetDescriptor, ScriptTargetOutput {
        private final List<String> statements = new ArrayList<>();

        @Override
        public java.util.EnumSet<TargetType> getTargetTypes() {
            return java.util.EnumSet.of(TargetType.SCRIPT);
        }

        @Override
        public ScriptTargetOutput getScriptTargetOutput() {
            return this;
        }

        @Override
        public void prepare() {}

        @Override
        public void accept(String command) {
            String sql = command.strip();
            if (sql.endsWith(";")) {
                sql = sql.substring(0, sql.length() - 1).strip();
            }
            if (!sql.isEmpty()) {
                statements.add(sql);
            }
        }

        @Override
        public void release() {}
    }
}

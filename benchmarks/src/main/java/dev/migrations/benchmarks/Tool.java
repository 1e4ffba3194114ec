package dev.migrations.benchmarks;

import dev.migrations.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.flywaydb.core.Flyway;

/**
 * The tools compared, run in this JVM through their Java APIs. The same call does the full apply on
 * an empty database and the no-op start on a database at head: each tool works out for itself that
 * there is nothing to do, as it would at an application's start.
 */
enum Tool {
    /** The same SQL over one plain JDBC connection, one transaction per revision, no bookkeeping. */
    JDBC_FLOOR("JDBC floor (1 tx/revision)") {
        @Override
        void run(Workload workload, String url, String user, String password) throws Exception {
            try (Connection connection = connect(url, user, password);
                    Statement st = connection.createStatement()) {
                connection.setAutoCommit(false);
                for (List<String> revision : workload.statements()) {
                    for (String sql : revision) {
                        st.execute(sql);
                    }
                    connection.commit();
                }
            }
        }
    },
    /** Opening one connection and closing it: what every tool pays at least. */
    CONNECT("open one connection") {
        @Override
        void run(Workload workload, String url, String user, String password) throws Exception {
            try (Connection connection = connect(url, user, password)) {
                connection.isValid(5);
            }
        }
    },
    /** This engine as a library: load the scripts, {@code upgrade head}. */
    ENGINE("migrations (library)") {
        @Override
        void run(Workload workload, String url, String user, String password) {
            Migrations.configure()
                    .locations("filesystem:" + workload.engineDir())
                    .url(url, user, password)
                    .load()
                    .upgrade("head");
        }
    },
    /** Flyway: {@code migrate} over the versioned migrations. */
    FLYWAY("Flyway") {
        @Override
        void run(Workload workload, String url, String user, String password) {
            Flyway.configure()
                    .dataSource(url, user, password)
                    .locations("filesystem:" + workload.flywayDir())
                    .load()
                    .migrate();
        }
    },
    /** Liquibase: the {@code update} command over the changelog. */
    LIQUIBASE("Liquibase") {
        @Override
        void run(Workload workload, String url, String user, String password) throws Exception {
            quietLiquibase();
            // Not try-with-resources: the accessor's close() is declared to throw Exception (lint "try").
            DirectoryResourceAccessor accessor = new DirectoryResourceAccessor(workload.liquibaseDir());
            try (Connection connection = connect(url, user, password)) {
                Database database =
                        DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
                Map<String, Object> scope = Map.of(
                        Scope.Attr.resourceAccessor.name(), accessor, Scope.Attr.ui.name(), new LoggerUIService());
                Scope.child(scope, () -> {
                    new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, Workload.LIQUIBASE_CHANGELOG)
                            .execute();
                });
            } finally {
                accessor.close();
            }
        }
    };

    /** Held so the level set on it is not lost when the logger is collected. */
    private static final Logger LIQUIBASE_LOGGER = Logger.getLogger("liquibase");

    private final String label;

    Tool(String label) {
        this.label = label;
    }

    /** The name in result tables. */
    String label() {
        return label;
    }

    /** Runs the tool once against the database at {@code url}. */
    abstract void run(Workload workload, String url, String user, String password) throws Exception;

    static Connection connect(String url, String user, String password) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(url, props);
    }

    /**
     * Liquibase logs INFO through java.util.logging and sends usage analytics unless told not to; the
     * other tools log at WARN here, and nothing should leave the machine.
     */
    static void quietLiquibase() {
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showBanner", "false");
        LIQUIBASE_LOGGER.setLevel(Level.WARNING);
    }
}

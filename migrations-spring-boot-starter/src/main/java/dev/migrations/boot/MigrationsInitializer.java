package dev.migrations.boot;

import dev.migrations.Migrations;
import dev.migrations.StartOptions;
import dev.migrations.adopt.SourceTool;
import dev.migrations.adopt.ToolHistory;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;

/**
 * Brings the database where {@code migrations.mode} says, while the application context refreshes:
 * after its dependencies are set and before the web server binds its port and scheduled tasks start.
 * Beans that use the database for data (JdbcTemplate, JdbcClient, JPA, jOOQ,
 * {@code @DependsOnDatabaseInitialization}) are created after it. The policy itself (modes, downgrade,
 * unknown revisions, wait, lint) is the engine's {@link Migrations#start}, shared with the command line.
 *
 * <p>{@code migrations.datasources.<name>.*} makes one per DataSource it names; or define one per
 * engine to migrate several DataSources in Java:
 *
 * <pre>{@code
 * @Bean
 * MigrationsInitializer auditMigrationsInitializer(Migrations auditMigrations) {
 *     return new MigrationsInitializer(auditMigrations, new MigrationsProperties(), null);
 * }
 * }</pre>
 */
public class MigrationsInitializer implements InitializingBean {
    private final Migrations migrations;
    private final MigrationsProperties properties;
    private final @Nullable MigrationsStrategy strategy;
    private final List<ToolHistory> toolHistories;

    /**
     * Creates the initializer.
     *
     * @param migrations the engine to run
     * @param properties mode, target and the other start-up settings
     * @param strategy replaces the start-up run when not null
     */
    public MigrationsInitializer(
            Migrations migrations, MigrationsProperties properties, @Nullable MigrationsStrategy strategy) {
        this(
                migrations,
                properties,
                strategy,
                List.of(ToolHistory.of(SourceTool.FLYWAY), ToolHistory.of(SourceTool.LIQUIBASE)));
    }

    /**
     * Creates the initializer, looking for Flyway's or Liquibase's history where the application's settings
     * say (a database with one and no version table is refused, or adopted with {@code migrations.adopt}).
     *
     * @param toolHistories the tools' history tables to look for, in order
     */
    public MigrationsInitializer(
            Migrations migrations,
            MigrationsProperties properties,
            @Nullable MigrationsStrategy strategy,
            List<ToolHistory> toolHistories) {
        this.migrations = Objects.requireNonNull(migrations, "migrations");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.strategy = strategy;
        this.toolHistories = List.copyOf(toolHistories);
    }

    @Override
    public void afterPropertiesSet() {
        if (strategy != null) {
            strategy.migrate(migrations);
            return;
        }
        MigrationsPropertiesCheck.refuseUnlessEmpty(properties.problems());
        AdoptionAtStart.run(migrations, properties.getAdopt(), toolHistories);
        migrations.start(startOptions(properties));
    }

    /** The start the settings ask for: mode, target, downgrade, unknown revisions, wait and lint. */
    static StartOptions startOptions(MigrationsProperties properties) {
        StartOptions options = new StartOptions(
                properties.getMode(),
                properties.getTarget(),
                properties.isAllowDowngrade(),
                properties.isTolerateUnknownRevisions(),
                properties.getWaitTimeout(),
                properties.getWaitPollInterval(),
                null);
        MigrationsProperties.Lint lint = properties.getLint();
        return lint.isEnabled() ? options.withLint(MigrationsLintSettings.startLint(lint)) : options;
    }
}

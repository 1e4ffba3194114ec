package dev.migrations.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.MigrationFailedException;
import dev.migrations.MigrationResult;
import dev.migrations.Migrations;
import dev.migrations.MigrationsConfig;
import dev.migrations.StartMode;
import dev.migrations.StartRefusedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;

@ExtendWith(OutputCaptureExtension.class)
class MigrationsAutoConfigurationTests {
    private static final String FIRST = "0a1b2c3d4e5f";
    private static final String HEAD = "1b2c3d4e5f60";
    private static final String SCRIPTS = "classpath:db/migrations";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class))
            .withPropertyValues("spring.datasource.generate-unique-name=true");

    @TempDir
    Path scripts;

    private static List<String> versions(AssertableApplicationContext context) {
        return new JdbcTemplate(context.getBean(DataSource.class))
                .queryForList("SELECT version_num FROM alembic_version", String.class);
    }

    private static Throwable failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        return context.getStartupFailure();
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
    }

    private static FailureAnalysis analysis(Throwable failure) {
        FailureAnalysis analysis = new MigrationsFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        return analysis;
    }

    // ------------------------------------------------------------------ conditions and back-off

    @Test
    void upgradesTheDataSourceToHeadWhileTheContextStarts(CapturedOutput output) {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Migrations.class).hasSingleBean(MigrationsInitializer.class);
            assertThat(versions(context)).containsExactly(HEAD);
            assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                            .queryForList("SELECT name FROM widgets", String.class))
                    .containsExactly("sprocket");
        });
        assertThat(output).contains("Upgrade head: 2 step(s), 2 script(s) run in");
    }

    @Test
    void backsOffWhenTheApplicationDefinesAnEngine() {
        runner.withUserConfiguration(UserEngine.class).run(context -> {
            assertThat(context).hasSingleBean(Migrations.class).hasBean("userMigrations");
            assertThat(context).doesNotHaveBean(MigrationsInitializer.class);
            assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                            .queryForList(
                                    "SELECT table_name FROM information_schema.tables WHERE table_name = 'WIDGETS'",
                                    String.class))
                    .isEmpty();
        });
    }

    @Test
    void isOffWhenDisabled() {
        runner.withPropertyValues("migrations.enabled=false").run(context -> assertThat(context)
                .hasNotFailed()
                .doesNotHaveBean(Migrations.class)
                .doesNotHaveBean(MigrationsInitializer.class)
                .doesNotHaveBean(MigrationsProperties.class));
    }

    @Test
    void needsADataSourceOrAUrl() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MigrationsAutoConfiguration.class))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(Migrations.class)
                        .doesNotHaveBean(MigrationsInitializer.class));
    }

    // ------------------------------------------------------------------ which database

    @Test
    void migratesMigrationsUrlWithoutADataSource() throws SQLException {
        H2Database db = new H2Database();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MigrationsAutoConfiguration.class))
                .withPropertyValues("migrations.url=" + db.url(), "migrations.user=sa")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DataSource.class));
        assertThat(db.strings("SELECT version_num FROM alembic_version")).containsExactly(HEAD);
    }

    @Test
    void userAloneConnectsAsThatUserToThePrimaryDataSourcesUrl() throws SQLException {
        H2Database db = new H2Database();
        db.execute("CREATE USER migrator PASSWORD 'secret' ADMIN");
        runner.withPropertyValues(db.property(), "migrations.user=migrator", "migrations.password=secret")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Migrations.class).config().dataSource())
                            .isNotSameAs(context.getBean(DataSource.class));
                });
        assertThat(db.strings("SELECT DISTINCT applied_by FROM alembic_version_history"))
                .containsExactly("MIGRATOR");
    }

    @Test
    void migratesTheMigrationsDataSourceWhenThereAreSeveral() throws SQLException {
        runner.withUserConfiguration(TwoDataSources.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Migrations.class).config().dataSource())
                    .isSameAs(context.getBean("ordersDataSource"));
        });
        assertThat(TwoDataSources.ORDERS.strings("SELECT version_num FROM alembic_version"))
                .containsExactly(HEAD);
        assertThat(TwoDataSources.APP.hasTable("ALEMBIC_VERSION")).isFalse();
    }

    @Test
    void oneEngineAndInitializerPerDataSourceWhenTheApplicationDefinesThem() throws SQLException {
        TestScripts.revision(scripts, "auda00000001", "", "CREATE TABLE audit_log (id INT)", "DROP TABLE audit_log");
        runner.withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class))
                .withUserConfiguration(TwoEngines.class)
                .withPropertyValues("audit.scripts=" + TestScripts.location(scripts))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(MigrationsInitializer.class))
                            .containsOnlyKeys("ordersMigrationsInitializer", "auditMigrationsInitializer");
                    assertThat(context.getBeanFactory()
                                    .getBeanDefinition("jdbcTemplate")
                                    .getDependsOn())
                            .contains("ordersMigrationsInitializer", "auditMigrationsInitializer");
                });
        assertThat(TwoEngines.ORDERS.strings("SELECT version_num FROM alembic_version"))
                .containsExactly(HEAD);
        assertThat(TwoEngines.AUDIT.strings("SELECT version_num FROM alembic_version"))
                .containsExactly("auda00000001");
    }

    // ------------------------------------------------------------------ callbacks

    @Test
    void appliesCustomizersInOrder() {
        runner.withUserConfiguration(Customizers.class).run(context -> {
            MigrationsConfig config = context.getBean(Migrations.class).config();
            assertThat(config.versionTable()).isEqualTo("second_version");
            assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                            .queryForList("SELECT version_num FROM second_version", String.class))
                    .containsExactly(HEAD);
        });
    }

    @Test
    void aStrategyReplacesTheStartupRun() {
        runner.withUserConfiguration(RecordingStrategy.class).run(context -> {
            RecordingStrategy strategy = context.getBean(RecordingStrategy.class);
            assertThat(strategy.engines).containsExactly(context.getBean(Migrations.class));
            assertThat(context.getBean(Migrations.class).currentRows()).isEmpty();
        });
    }

    // ------------------------------------------------------------------ modes

    @Test
    void validateFailsWhenRevisionsArePendingAndRunsNothing() {
        runner.withPropertyValues("migrations.mode=validate").run(context -> {
            Throwable failure = failure(context);
            StartRefusedException e = cause(failure, StartRefusedException.class);
            assertThat(e.getMessage()).contains("not at the target head", FIRST + ", " + HEAD);
            assertThat(analysis(failure).getAction()).contains("migrations.mode=upgrade");
        });
    }

    @Test
    void validateStartsWhenTheDatabaseIsAtTheTarget(CapturedOutput output) {
        H2Database db = new H2Database();
        db.engine(SCRIPTS).load().upgrade("head");
        runner.withPropertyValues(db.property(), "migrations.mode=validate")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(output).contains("Migrations: the database is at " + HEAD + ", at target head (validated)");
    }

    @Test
    void waitStartsOnceAnotherInstanceHasMigrated() throws Exception {
        H2Database db = new H2Database();
        CompletableFuture<MigrationResult> other = CompletableFuture.supplyAsync(
                () -> db.engine(SCRIPTS).load().upgrade("head"),
                CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
        runner.withPropertyValues(
                        db.property(),
                        "migrations.mode=wait",
                        "migrations.wait-poll-interval=50ms",
                        "migrations.wait-timeout=30s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(other).isDone();
                    assertThat(versions(context)).containsExactly(HEAD);
                });
        // The other instance ran both scripts: the waiting one migrated nothing itself.
        assertThat(other.get().scriptsRun()).isEqualTo(2);
    }

    @Test
    void waitGivesUpAfterTheTimeoutNamingTheProperty() {
        runner.withPropertyValues(
                        "migrations.mode=wait", "migrations.wait-poll-interval=50ms", "migrations.wait-timeout=300ms")
                .run(context -> {
                    Throwable failure = failure(context);
                    assertThat(cause(failure, StartRefusedException.class).getMessage())
                            .contains("Waited 300ms", "pending: " + FIRST + ", " + HEAD);
                    assertThat(analysis(failure).getAction()).contains("migrations.wait-timeout");
                });
    }

    @Test
    void noneOnlyReports(CapturedOutput output) {
        runner.withPropertyValues("migrations.mode=none").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(MigrationsInitializer.class);
            assertThat(context.getBean(Migrations.class).currentRows()).isEmpty();
        });
        assertThat(output).contains("2 revision(s) pending for target head: " + FIRST + ", " + HEAD);
    }

    @Test
    void aTargetBelowTheDatabaseFailsUnlessDowngradesAreAllowed() throws SQLException {
        H2Database db = new H2Database();
        db.engine(SCRIPTS).load().upgrade("head");
        runner.withPropertyValues(db.property(), "migrations.target=" + FIRST).run(context -> {
            Throwable failure = failure(context);
            assertThat(cause(failure, StartRefusedException.class).getMessage())
                    .contains("above the target " + FIRST, "downgrade " + HEAD);
            assertThat(analysis(failure).getAction()).contains("migrations.allow-downgrade=true");
        });
        assertThat(db.strings("SELECT version_num FROM alembic_version")).containsExactly(HEAD);

        runner.withPropertyValues(db.property(), "migrations.target=" + FIRST, "migrations.allow-downgrade=true")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(db.strings("SELECT version_num FROM alembic_version")).containsExactly(FIRST);
        assertThat(db.strings("SELECT name FROM widgets")).isEmpty();
    }

    @Test
    void unknownRevisionsStopTheStartUnlessTolerated() throws SQLException {
        H2Database db = new H2Database();
        db.engine(SCRIPTS).load().upgrade("head");
        db.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'");
        runner.withPropertyValues(db.property()).run(context -> {
            Throwable failure = failure(context);
            assertThat(cause(failure, StartRefusedException.class).getMessage())
                    .contains("ffffffffffff", "a newer deployment's revisions are in the database");
            assertThat(analysis(failure).getAction()).contains("migrations.tolerate-unknown-revisions=true");
        });

        runner.withPropertyValues(db.property(), "migrations.tolerate-unknown-revisions=true")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(db.strings("SELECT version_num FROM alembic_version")).containsExactly("ffffffffffff");
    }

    @Test
    void severalHeadsWithTargetHeadFailWithAlembicsAdvice() {
        TestScripts.revision(scripts, "aaaa00000001", "", "CREATE TABLE a (id INT)", "DROP TABLE a");
        TestScripts.revision(scripts, "bbbb00000002", "aaaa00000001", "CREATE TABLE b (id INT)", "DROP TABLE b");
        TestScripts.revision(scripts, "cccc00000003", "aaaa00000001", "CREATE TABLE c (id INT)", "DROP TABLE c");
        ApplicationContextRunner branched =
                runner.withPropertyValues("migrations.locations=" + TestScripts.location(scripts));
        branched.run(context -> {
            Throwable failure = failure(context);
            assertThat(failure)
                    .hasStackTraceContaining("Multiple head revisions are present for given argument 'head'");
            assertThat(analysis(failure).getAction()).contains("migrations.target=heads");
        });
        branched.withPropertyValues("migrations.target=heads").run(context -> assertThat(versions(context))
                .containsExactlyInAnyOrder("bbbb00000002", "cccc00000003"));
    }

    @Test
    void aFailedRevisionStopsTheStartAndTheAnalysisNamesIt() {
        TestScripts.revision(scripts, "aaaa00000001", "", "CREATE TABLE a (id INT);", "DROP TABLE a;");
        Path bad = TestScripts.revision(
                scripts, "bbbb00000002", "aaaa00000001", "INSERT INTO a VALUES (1);\nSELECT * FROM missing;", "");
        runner.withPropertyValues("migrations.locations=" + TestScripts.location(scripts))
                .run(context -> {
                    Throwable failure = failure(context);
                    MigrationFailedException e = cause(failure, MigrationFailedException.class);
                    assertThat(e.revision()).isEqualTo("bbbb00000002");
                    FailureAnalysis analysis = analysis(failure);
                    assertThat(analysis.getDescription())
                            .contains(
                                    "Revision bbbb00000002 failed",
                                    bad.getFileName() + ":" + e.line(),
                                    "SQLState:            " + e.sqlState(),
                                    "MISSING",
                                    "Applied in this run: aaaa00000001",
                                    "The database is at:  aaaa00000001");
                    assertThat(analysis.getAction()).contains("Fix the script", "restart");
                });
    }

    @Test
    void aStartAtHeadAnswersFromTheVerificationRecordInEveryModeWithoutReadingAScript(CapturedOutput output)
            throws Exception {
        H2Database db = new H2Database();
        TestScripts.revision(scripts, FIRST, "", "CREATE TABLE widgets (id INT)", "DROP TABLE widgets");
        Path head = TestScripts.revision(scripts, HEAD, FIRST, "ALTER TABLE widgets ADD name TEXT", "");
        ApplicationContextRunner app =
                runner.withPropertyValues(db.property(), "migrations.locations=" + TestScripts.location(scripts));
        app.run(context -> assertThat(context).hasNotFailed());
        assertThat(db.strings("SELECT heads FROM alembic_version_verified")).containsExactly(HEAD);

        // Same size, same modification time, broken header: only a start that reads the script notices.
        FileTime modified = Files.getLastModifiedTime(head);
        String text = Files.readString(head);
        Files.writeString(head, text.replace("-- Revision ID:", "-- Revision IX:"));
        Files.setLastModifiedTime(head, modified);

        for (String mode : List.of("upgrade", "validate", "wait", "none")) {
            app.withPropertyValues("migrations.mode=" + mode).run(context -> {
                assertThat(context).hasNotFailed();
                MigrationsRunState.DatabaseStatus status =
                        context.getBean(MigrationsRunState.class).refresh(context.getBean(Migrations.class));
                assertThat(status).isNotNull();
                assertThat(status.upToDate()).isTrue();
                assertThat(status.heads()).containsExactly(HEAD);
                MigrationsRunState.LastRun last =
                        context.getBean(MigrationsRunState.class).lastRun();
                if (mode.equals("upgrade")) {
                    // Reported as the upgrade that had nothing to do, from the one read of the record.
                    assertThat(last).isNotNull();
                    assertThat(last.command()).isEqualTo("upgrade");
                    assertThat(last.outcome()).isEqualTo(MigrationsRunState.Outcome.SUCCESS);
                    assertThat(last.applied()).isEmpty();
                } else {
                    assertThat(last).as("modes other than upgrade run nothing").isNull();
                }
            });
        }
        assertThat(output).contains("Nothing to do: the database is at " + HEAD, "(validated)", "(mode none)");

        Files.setLastModifiedTime(head, FileTime.fromMillis(modified.toMillis() + 2_000));
        app.run(context -> assertThat(failure(context))
                .hasStackTraceContaining(head.getFileName().toString()));
    }

    // ------------------------------------------------------------------ properties

    @Test
    void bindsEveryProperty() {
        H2Database db = new H2Database();
        runner.withUserConfiguration(RecordingStrategy.class)
                .withPropertyValues(
                        "migrations.locations=classpath:db/migrations," + TestScripts.location(scripts),
                        "migrations.target=heads",
                        "migrations.mode=wait",
                        "migrations.allow-downgrade=true",
                        "migrations.tolerate-unknown-revisions=true",
                        "migrations.version-table=app_version",
                        "migrations.schema=APP",
                        "migrations.url=" + db.url(),
                        "migrations.user=sa",
                        "migrations.password=pw",
                        "migrations.transaction-per-migration=false",
                        "migrations.lock-wait-timeout=30",
                        "migrations.ddl-lock-timeout=5s",
                        "migrations.ddl-lock-retries=4",
                        "migrations.ddl-lock-retry-delay=3",
                        "migrations.statement-timeout=2m",
                        "migrations.validate-checksums=false",
                        "migrations.wait-timeout=1m",
                        "migrations.wait-poll-interval=500ms")
                .run(context -> {
                    MigrationsProperties p = context.getBean(MigrationsProperties.class);
                    assertThat(p.getTarget()).isEqualTo("heads");
                    assertThat(p.getMode()).isEqualTo(StartMode.WAIT);
                    assertThat(p.isAllowDowngrade()).isTrue();
                    assertThat(p.isTolerateUnknownRevisions()).isTrue();
                    assertThat(p.getUrl()).isEqualTo(db.url());
                    assertThat(p.getUser()).isEqualTo("sa");
                    assertThat(p.getPassword()).isEqualTo("pw");
                    assertThat(p.getWaitTimeout()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(p.getWaitPollInterval()).isEqualTo(Duration.ofMillis(500));
                    MigrationsConfig config = context.getBean(Migrations.class).config();
                    assertThat(config.locations())
                            .containsExactly("classpath:db/migrations", TestScripts.location(scripts));
                    assertThat(config.versionTable()).isEqualTo("app_version");
                    assertThat(config.schema()).isEqualTo("APP");
                    assertThat(config.transactionPerMigration()).isFalse();
                    assertThat(config.lockWaitTimeout()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(config.ddlLockTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(config.ddlLockRetries()).isEqualTo(4);
                    assertThat(config.ddlLockRetryDelay()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(config.statementTimeout()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(config.validateChecksums()).isFalse();
                });
    }

    @Test
    void rejectsInvalidSettingsAtBindTimeNamingTheProperty() {
        assertBindError("migrations.locations=", "locations", "give at least one location");
        assertBindError("migrations.lock-wait-timeout=-5s", "lockWaitTimeout", "must not be negative");
        assertBindError("migrations.ddl-lock-retries=-1", "ddlLockRetries", "must not be negative");
        assertBindError("migrations.ddl-lock-retry-delay=-1s", "ddlLockRetryDelay", "must not be negative");
        assertBindError("migrations.wait-poll-interval=0s", "waitPollInterval", "must be positive");
        assertBindError("migrations.version-table=bad-name", "versionTable", "not a plain identifier");
        assertBindError("migrations.target= ", "target", "give a target revision");
    }

    private void assertBindError(String property, String field, String message) {
        runner.withPropertyValues(property).run(context -> {
            BindValidationException e = cause(failure(context), BindValidationException.class);
            assertThat(e.getValidationErrors().getAllErrors())
                    .anySatisfy(error -> assertThat(error.toString()).contains("'" + field + "'", message));
        });
    }

    @Test
    void initializerValidatesPropertiesItWasGivenDirectly() {
        MigrationsProperties properties = new MigrationsProperties();
        properties.setLocations(List.of());
        properties.setDdlLockTimeout(Duration.ofSeconds(-1));
        Migrations engine = new H2Database().engine(SCRIPTS).load();
        MigrationsInitializer initializer = new MigrationsInitializer(engine, properties, null);
        assertThatThrownBy(initializer::afterPropertiesSet)
                .isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("migrations.locations: give at least one location")
                .hasMessageContaining("migrations.ddl-lock-timeout: The DDL lock timeout must not be negative");
    }

    @Test
    void propertyDefaultsAreTheEngineDefaults() {
        MigrationsProperties properties = new MigrationsProperties();
        MigrationsConfig engine = MigrationsConfig.builder().build();
        assertThat(properties.getVersionTable()).isEqualTo(engine.versionTable());
        assertThat(properties.getSchema()).isEqualTo(engine.schema());
        assertThat(properties.isTransactionPerMigration()).isEqualTo(engine.transactionPerMigration());
        assertThat(properties.getLockWaitTimeout()).isEqualTo(engine.lockWaitTimeout());
        assertThat(properties.getDdlLockTimeout()).isEqualTo(engine.ddlLockTimeout());
        assertThat(properties.getStatementTimeout()).isEqualTo(engine.statementTimeout());
        assertThat(properties.isValidateChecksums()).isEqualTo(engine.validateChecksums());
        assertThat(properties.getJavaPackages()).isEqualTo(engine.javaMigrationPackages());
        // The one deliberate difference: the starter reads scripts from the classpath.
        assertThat(properties.getLocations()).containsExactly("classpath:db/migrations");
        assertThat(engine.locations()).containsExactly(MigrationsConfig.DEFAULT_LOCATION);
        assertThat(properties.configure(getClass().getClassLoader()).build())
                .usingRecursiveComparison()
                .ignoringFields("locations", "classLoader")
                .isEqualTo(engine);
    }

    // ------------------------------------------------------------------ ordering

    @Test
    void lazyInitializationStillMigratesDuringRefresh() {
        runner.withInitializer(context ->
                        context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
                .withUserConfiguration(LazyMarker.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    // Lazy initialization is in effect: the marker was not created...
                    assertThat(LazyMarker.created).isFalse();
                    // ...but the initializer was, during refresh.
                    assertThat(versions(context)).containsExactly(HEAD);
                });
    }

    @Test
    void dataAccessBeansAreCreatedAfterTheMigration() {
        runner.withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class))
                .withUserConfiguration(DataAccess.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(WidgetNames.class).names).containsExactly("sprocket");
                    assertThat(context.getBean(RawWidgetCount.class).count).isEqualTo(1);
                    assertThat(context.getBeanFactory()
                                    .getBeanDefinition("jdbcTemplate")
                                    .getDependsOn())
                            .contains("migrationsInitializer");
                });
    }

    @Test
    void tellsHibernateTheMigratedDataSourceIsManaged() {
        runner.run(context -> {
            SchemaManagementProvider provider = context.getBean(SchemaManagementProvider.class);
            assertThat(provider.getSchemaManagement(context.getBean(DataSource.class)))
                    .isEqualTo(SchemaManagement.MANAGED);
            DataSource other =
                    DataSourceBuilder.create().url(new H2Database().url()).build();
            assertThat(provider.getSchemaManagement(other)).isEqualTo(SchemaManagement.UNMANAGED);
        });
    }

    // ------------------------------------------------------------------ user configurations

    @Configuration(proxyBeanMethods = false)
    static class UserEngine {
        @Bean
        Migrations userMigrations(DataSource dataSource) {
            return Migrations.configure()
                    .locations(SCRIPTS)
                    .dataSource(dataSource)
                    .load();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {
        static final H2Database APP = new H2Database();
        static final H2Database ORDERS = new H2Database();

        @Bean
        @Primary
        DataSource appDataSource() {
            return DataSourceBuilder.create().url(APP.url()).username("sa").build();
        }

        @Bean
        @MigrationsDataSource
        DataSource ordersDataSource() {
            return DataSourceBuilder.create().url(ORDERS.url()).username("sa").build();
        }
    }

    /** The example for several DataSources in docs/fleets.md. */
    @Configuration(proxyBeanMethods = false)
    static class TwoEngines {
        static final H2Database ORDERS = new H2Database();
        static final H2Database AUDIT = new H2Database();

        @Bean
        @Primary
        DataSource ordersDataSource() {
            return DataSourceBuilder.create().url(ORDERS.url()).username("sa").build();
        }

        @Bean
        DataSource auditDataSource() {
            return DataSourceBuilder.create().url(AUDIT.url()).username("sa").build();
        }

        @Bean
        Migrations ordersMigrations(
                @Qualifier("ordersDataSource") DataSource orders,
                MigrationsProperties properties,
                ResourceLoader resources) {
            return properties
                    .configure(resources.getClassLoader())
                    .dataSource(orders)
                    .load();
        }

        @Bean
        MigrationsInitializer ordersMigrationsInitializer(
                @Qualifier("ordersMigrations") Migrations engine, MigrationsProperties properties) {
            return new MigrationsInitializer(engine, properties, null);
        }

        @Bean
        Migrations auditMigrations(
                @Qualifier("auditDataSource") DataSource audit, @Value("${audit.scripts}") String scripts) {
            return Migrations.configure().locations(scripts).dataSource(audit).load();
        }

        @Bean
        MigrationsInitializer auditMigrationsInitializer(
                @Qualifier("auditMigrations") Migrations engine, MigrationsProperties properties) {
            return new MigrationsInitializer(engine, properties, null);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        @Bean
        @Order(2)
        MigrationsConfigurationCustomizer second() {
            return configuration -> configuration.versionTable("second_version");
        }

        @Bean
        @Order(1)
        MigrationsConfigurationCustomizer first() {
            return configuration -> configuration.versionTable("first_version");
        }
    }

    static class RecordingStrategy implements MigrationsStrategy {
        final List<Migrations> engines = new ArrayList<>();

        @Override
        public void migrate(Migrations migrations) {
            engines.add(migrations);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class LazyMarker {
        static volatile boolean created;

        @Bean
        Object marker() {
            created = true;
            return new Object();
        }
    }

    /** Queries a migrated table in its constructor, through JdbcTemplate. */
    static class WidgetNames {
        final List<String> names;

        WidgetNames(JdbcTemplate jdbc) {
            this.names = jdbc.queryForList("SELECT name FROM widgets", String.class);
        }
    }

    /** Uses the raw DataSource, so it needs {@code @DependsOnDatabaseInitialization}. */
    static class RawWidgetCount {
        final int count;

        RawWidgetCount(DataSource dataSource) {
            Integer value = new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM widgets", Integer.class);
            this.count = value == null ? 0 : value;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class DataAccess {
        @Bean
        WidgetNames widgetNames(JdbcTemplate jdbc) {
            return new WidgetNames(jdbc);
        }

        @Bean
        @DependsOnDatabaseInitialization
        RawWidgetCount rawWidgetCount(DataSource dataSource) {
            return new RawWidgetCount(dataSource);
        }
    }
}

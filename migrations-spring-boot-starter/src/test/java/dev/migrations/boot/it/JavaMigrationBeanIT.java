package dev.migrations.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.Migrations;
import dev.migrations.boot.MigrationsAutoConfiguration;
import dev.migrations.spi.JavaMigration;
import dev.migrations.spi.Migration;
import dev.migrations.spi.MigrationContext;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Java migrations in a Spring application on real PostgreSQL: a bean implementing JavaMigration is
 * registered with its injected service, runs after the SQL revisions of {@code classpath:db/migrations},
 * and before JdbcTemplate users see the database; {@code migrations.java-packages} adds classes
 * that are not beans.
 */
class JavaMigrationBeanIT {
    private static final String BEAN_REVISION = "3c4d5e6f7081";
    private static final String SCANNED_REVISION = "4d5e6f708192";

    private PostgresDatabase db;

    @BeforeEach
    void createDatabase() throws SQLException {
        db = PostgresDatabase.create();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        db.close();
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class,
                        MigrationsAutoConfiguration.class))
                .withPropertyValues(db.springProperties().toArray(String[]::new))
                .withUserConfiguration(MigrationBeans.class);
    }

    /** A service the migration needs: the kind of collaborator only a bean can get. */
    static final class WidgetNamer {
        String name(int id) {
            return "widget-" + id;
        }
    }

    @Migration(id = BEAN_REVISION, revises = "1b2c3d4e5f60", message = "Add named widgets")
    static final class AddNamedWidgets implements JavaMigration {
        private final WidgetNamer namer;

        AddNamedWidgets(WidgetNamer namer) {
            this.namer = namer;
        }

        @Override
        public void upgrade(MigrationContext context) {
            // A JdbcTemplate over the migration's own connection: inside its transaction, and no
            // dependency on the application's JdbcTemplate (which waits for the migration).
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.connection(), true));
            for (int id = 2; id <= 3; id++) {
                jdbc.update("INSERT INTO widgets (id, name) VALUES (?, ?)", id, namer.name(id));
            }
        }

        @Override
        public void downgrade(MigrationContext context) {
            context.execute("DELETE FROM widgets WHERE id IN (2, 3)");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MigrationBeans {
        @Bean
        WidgetNamer widgetNamer() {
            return new WidgetNamer();
        }

        @Bean
        AddNamedWidgets addNamedWidgets(WidgetNamer namer) {
            return new AddNamedWidgets(namer);
        }
    }

    @Test
    void beanMigrationRunsWithItsInjectedServiceBeforeTheApplicationUsesTheDatabase() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForList("SELECT name FROM widgets ORDER BY id", String.class))
                    .containsExactly("sprocket", "widget-2", "widget-3");
            assertThat(jdbc.queryForList("SELECT version_num FROM alembic_version", String.class))
                    .containsExactly(BEAN_REVISION);
            assertThat(context.getBean(Migrations.class)
                            .graph()
                            .show(BEAN_REVISION)
                            .get(0)
                            .path())
                    .isEqualTo(AddNamedWidgets.class.getName());
        });
    }

    @Test
    void javaPackagesPropertyAddsClassesThatAreNotBeans() {
        runner().withPropertyValues("migrations.java-packages=dev.migrations.boot.it.javamig")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                    assertThat(jdbc.queryForList("SELECT version_num FROM alembic_version", String.class))
                            .containsExactly(SCANNED_REVISION);
                    assertThat(jdbc.queryForObject("SELECT name FROM widgets WHERE id = 1", String.class))
                            .isEqualTo("SPROCKET");
                });
    }
}

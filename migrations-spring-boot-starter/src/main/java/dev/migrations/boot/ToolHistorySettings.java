package dev.migrations.boot;

import dev.migrations.adopt.SourceTool;
import dev.migrations.adopt.ToolHistory;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Where an application's Flyway or Liquibase settings say the tool kept its history: {@code spring.flyway.table}
 * in {@code spring.flyway.default-schema} (else the first of {@code spring.flyway.schemas}), and {@code
 * spring.liquibase.database-change-log-table} in {@code spring.liquibase.liquibase-schema} (else {@code
 * spring.liquibase.default-schema}), each defaulting as the tool does. The settings usually stay in the
 * application's configuration after the tool's dependency is removed, so adoption finds a table they renamed.
 */
final class ToolHistorySettings {
    private ToolHistorySettings() {}

    static List<ToolHistory> of(Environment environment) {
        Binder binder = Binder.get(environment);
        String flywaySchema = text(binder, "spring.flyway.default-schema");
        if (flywaySchema == null) {
            flywaySchema = binder.bind("spring.flyway.schemas", Bindable.listOf(String.class))
                    .map(schemas -> schemas.isEmpty() ? null : schemas.get(0))
                    .orElse(null);
        }
        String liquibaseSchema = text(binder, "spring.liquibase.liquibase-schema");
        if (liquibaseSchema == null) {
            liquibaseSchema = text(binder, "spring.liquibase.default-schema");
        }
        return List.of(
                ToolHistory.of(SourceTool.FLYWAY, flywaySchema, text(binder, "spring.flyway.table")),
                ToolHistory.of(
                        SourceTool.LIQUIBASE,
                        liquibaseSchema,
                        text(binder, "spring.liquibase.database-change-log-table")));
    }

    /**
     * The tools' history tables in each tenant's schema: the table names the settings give, without their
     * schema (a tenant keeps its own history where the tool migrated it, in the tenant's schema).
     */
    static List<ToolHistory> inTenantSchemas(Environment environment) {
        Binder binder = Binder.get(environment);
        return List.of(
                ToolHistory.of(SourceTool.FLYWAY, null, text(binder, "spring.flyway.table")),
                ToolHistory.of(SourceTool.LIQUIBASE, null, text(binder, "spring.liquibase.database-change-log-table")));
    }

    private static @Nullable String text(Binder binder, String name) {
        return binder.bind(name, String.class).orElse(null);
    }
}

package dev.migrations.sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records the tables of every tenant schema while the context starts: singletons are made before
 * the web server opens its port, so what this bean saw is what the first request would find.
 */
@TestConfiguration(proxyBeanMethods = false)
class TenantTablesAtStartup {

    /**
     * The tables of each tenant schema (H2's upper-case names), when the context created this bean.
     *
     * @param bySchema schema, then its tables in order
     */
    record TenantTables(Map<String, List<String>> bySchema) {}

    // Like the application's own database beans, this one waits for the migrations, the tenants' too.
    @Bean
    @DependsOnDatabaseInitialization
    TenantTables tenantTablesAtStartup(DataSource dataSource) {
        Map<String, List<String>> tables = new TreeMap<>();
        for (Map<String, Object> row : new JdbcTemplate(dataSource)
                .queryForList("SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE TABLE_SCHEMA LIKE 'TENANT\\_%' ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
            tables.computeIfAbsent(String.valueOf(row.get("TABLE_SCHEMA")), schema -> new ArrayList<>())
                    .add(String.valueOf(row.get("TABLE_NAME")));
        }
        return new TenantTables(Collections.unmodifiableMap(tables));
    }
}

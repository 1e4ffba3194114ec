package dev.migrations.boot.it.fleet;

import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A web application with two DataSources, neither primary, and not a line of Java about migrations:
 * {@code migrations.datasources.*} declares both. Each DataSource has a JdbcTemplate, a bean that
 * reads its migrated table while it is created, and a scheduled worker.
 */
@SpringBootApplication
@EnableScheduling
public class FleetApplication {

    @Bean
    DataSource ordersDataSource(
            @Value("${fleet.orders-url}") String url,
            @Value("${fleet.user}") String user,
            @Value("${fleet.password:#{null}}") @Nullable String password) {
        return DataSourceBuilder.create()
                .url(url)
                .username(user)
                .password(password)
                .build();
    }

    @Bean
    DataSource auditDataSource(
            @Value("${fleet.audit-url}") String url,
            @Value("${fleet.user}") String user,
            @Value("${fleet.password:#{null}}") @Nullable String password) {
        return DataSourceBuilder.create()
                .url(url)
                .username(user)
                .password(password)
                .build();
    }

    @Bean
    JdbcTemplate ordersJdbcTemplate(@Qualifier("ordersDataSource") DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    JdbcTemplate auditJdbcTemplate(@Qualifier("auditDataSource") DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    TableReader ordersReader(@Qualifier("ordersJdbcTemplate") JdbcTemplate jdbc) {
        return new TableReader(jdbc.queryForList("SELECT item FROM orders ORDER BY item", String.class));
    }

    @Bean
    TableReader auditReader(@Qualifier("auditJdbcTemplate") JdbcTemplate jdbc) {
        return new TableReader(jdbc.queryForList("SELECT event FROM audit_log ORDER BY event", String.class));
    }

    @Bean
    TableWatcher ordersWatcher(@Qualifier("ordersDataSource") DataSource dataSource) {
        return new TableWatcher(dataSource, "orders", "item");
    }

    @Bean
    TableWatcher auditWatcher(@Qualifier("auditDataSource") DataSource dataSource) {
        return new TableWatcher(dataSource, "audit_log", "event");
    }

    /**
     * What a bean created after the migration read from its table.
     *
     * @param rows the first column of every row
     */
    public record TableReader(List<String> rows) {}
}

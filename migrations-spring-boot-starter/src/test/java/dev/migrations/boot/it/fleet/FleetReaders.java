package dev.migrations.boot.it.fleet;

import dev.migrations.boot.it.app.TableWatcher;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What uses the two DataSources of {@link FleetDataSources}: a JdbcTemplate each, a bean each that
 * reads the migrated table ({@code orders}, {@code audit_log}) while it is created, and a scheduled
 * worker each.
 */
@Configuration(proxyBeanMethods = false)
public class FleetReaders {

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

    /** The rows the orders reader, then the audit reader, read from their tables. */
    public static List<String> whatTheReadersRead(BeanFactory context) {
        List<String> rows = new ArrayList<>(
                context.getBean("ordersReader", TableReader.class).rows());
        rows.addAll(context.getBean("auditReader", TableReader.class).rows());
        return rows;
    }

    /**
     * What a bean created after the migration read from its table.
     *
     * @param rows the first column of every row
     */
    public record TableReader(List<String> rows) {}
}

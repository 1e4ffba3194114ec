package dev.migrations.boot.it.fleet;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * A scheduled worker that records what its first run saw of one migrated table, through the raw
 * DataSource: only the start-up sequence orders it after that DataSource's migration.
 */
public class TableWatcher {
    private final DataSource dataSource;
    private final String sql;
    private final CompletableFuture<String> firstRun = new CompletableFuture<>();

    TableWatcher(DataSource dataSource, String table, String column) {
        this.dataSource = dataSource;
        this.sql = "SELECT string_agg(" + column + ", ',' ORDER BY " + column + ") FROM " + table;
    }

    @Scheduled(fixedDelay = 60_000)
    void look() {
        if (firstRun.isDone()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            firstRun.complete(rs.getString(1));
        } catch (SQLException e) {
            firstRun.complete("failed: " + e.getMessage());
        }
    }

    /** What the first run saw: the rows, comma-separated. */
    public CompletableFuture<String> firstRun() {
        return firstRun;
    }
}

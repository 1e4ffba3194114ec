package dev.migrations.boot.it.app;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * A scheduled worker that records what its first run saw of a migrated table. It uses the raw
 * DataSource on purpose: nothing orders it after the migration but the start-up sequence itself.
 */
public class TableWatcher {
    private final DataSource dataSource;
    private final String table;
    private final String sql;
    private final CompletableFuture<String> firstRun = new CompletableFuture<>();

    /**
     * Creates the worker.
     *
     * @param dataSource where the table is
     * @param table the table
     * @param column the column whose values the first run lists
     */
    public TableWatcher(DataSource dataSource, String table, String column) {
        this.dataSource = dataSource;
        this.table = table;
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
            firstRun.complete(table + ": " + rs.getString(1));
        } catch (SQLException e) {
            firstRun.complete("failed: " + e.getMessage());
        }
    }

    /** What the first run saw: {@code <table>: <values, comma-separated>}. */
    public CompletableFuture<String> firstRun() {
        return firstRun;
    }
}

package dev.migrations.boot.it.app;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A scheduled worker that records what its first run saw of the migrated {@code ledger} table. It
 * uses the raw DataSource on purpose: nothing orders it after the migration but the start-up
 * sequence itself.
 */
@Component
public class LedgerWatcher {
    private final DataSource dataSource;
    private final CompletableFuture<String> firstRun = new CompletableFuture<>();

    public LedgerWatcher(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Scheduled(fixedDelay = 60_000)
    void look() {
        if (firstRun.isDone()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT string_agg(revision, ',' ORDER BY revision) FROM ledger")) {
            rs.next();
            firstRun.complete("ledger: " + rs.getString(1));
        } catch (SQLException e) {
            firstRun.complete("failed: " + e.getMessage());
        }
    }

    /** What the first run saw. */
    public CompletableFuture<String> firstRun() {
        return firstRun;
    }
}

package dev.migrations.boot.it.app;

import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** The scheduled worker of the {@code ledger} table the ordering tests migrate. */
@Component
public class LedgerWatcher extends TableWatcher {

    public LedgerWatcher(DataSource dataSource) {
        super(dataSource, "ledger", "revision");
    }
}

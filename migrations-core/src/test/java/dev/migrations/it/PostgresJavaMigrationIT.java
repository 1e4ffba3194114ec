package dev.migrations.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Java migrations on PostgreSQL, plus a non-transactional one that needs to be outside a transaction. */
class PostgresJavaMigrationIT extends JavaMigrationContract {
    @Override
    TestDatabase createDatabase() {
        return TestDatabases.postgres();
    }

    @Override
    boolean transactionalDdl() {
        return true;
    }

    @Test
    void nonTransactionalJavaMigrationRunsCreateIndexConcurrently() throws SQLException {
        db.configure(scripts)
                .javaMigrations(new JavaFixtures.Concurrently())
                .load()
                .upgrade("head");

        assertThat(rows()).containsExactly("jconc");
        assertThat(db.strings("SELECT indexname FROM pg_indexes WHERE tablename = 't_jconc'"))
                .containsExactly("ix_jconc");
    }
}

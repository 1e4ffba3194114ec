package dev.migrations.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrations.MigrationFailedException;
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

    @Test
    void wholeRunTransactionRollsBackTheSqlRevisionsBeforeAFailedJavaOne() throws SQLException {
        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> db.configure(scripts)
                .transactionPerMigration(false)
                .javaMigrations(new JavaFixtures.Failing())
                .load()
                .upgrade("head"));

        assertThat(e.revision()).isEqualTo("jfail");
        assertThat(e.appliedInRun()).isEmpty();
        assertThat(e.getMessage()).contains("Applied in this run: nothing.", "The database is at base;");
        assertThat(tables()).isEmpty();
        assertThat(db.strings("SELECT version_num FROM alembic_version")).isEmpty();
    }
}

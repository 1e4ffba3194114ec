package dev.migrations.it;

/** The start-up policy on PostgreSQL. */
class PostgresStartIT extends StartContract {
    @Override
    TestDatabase createDatabase() {
        return TestDatabases.postgres();
    }
}

package dev.migrations.it;

/** The verified start on PostgreSQL. */
class PostgresVerifiedStartIT extends VerifiedStartContract {
    @Override
    TestDatabase createDatabase() {
        return TestDatabases.postgres();
    }
}

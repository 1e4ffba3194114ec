package dev.migrations.it;

/** The start-up policy on PostgreSQL. */
class H2StartIT extends StartContract {
    @Override
    TestDatabase createDatabase() {
        return TestDatabases.h2();
    }
}

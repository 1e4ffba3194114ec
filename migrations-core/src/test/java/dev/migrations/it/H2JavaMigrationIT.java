package dev.migrations.it;

/** Java migrations on H2, whose DDL commits as it runs. */
class H2JavaMigrationIT extends JavaMigrationContract {
    @Override
    TestDatabase createDatabase() {
        return TestDatabases.h2();
    }

    @Override
    boolean transactionalDdl() {
        return false;
    }
}

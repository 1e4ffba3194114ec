package dev.migrations.it;

/** The engine contract on H2, the embedded default: DDL commits as it runs, the lock is a locked row. */
class H2EngineIT extends EngineContract {
    @Override
    TestDatabase createDatabase() {
        return TestDatabases.h2();
    }

    @Override
    boolean transactionalDdl() {
        return false;
    }

    @Override
    String undefinedTableSqlState() {
        return "42S02";
    }
}

package dev.migrations.it;

/** Fleets of tenant schemas on H2. */
class H2FleetIT extends FleetContract {
    @Override
    TestDatabase createDatabase() {
        return TestDatabases.h2();
    }
}

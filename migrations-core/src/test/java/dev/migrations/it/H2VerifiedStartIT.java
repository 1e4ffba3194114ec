package dev.migrations.it;

/** The verified start on H2. */
class H2VerifiedStartIT extends VerifiedStartContract {
    @Override
    TestDatabase createDatabase() {
        return TestDatabases.h2();
    }
}

package dev.migrations.it;

import dev.migrations.Migrations;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine's contracts run against every supported database share: each test writes its
 * revision files into its own directory and migrates its own fresh database, dropped after the test.
 */
abstract class DatabaseContract {
    @TempDir
    Path scripts;

    TestDatabase db;
    RevisionFiles files;

    /** A fresh, empty database for one test. */
    abstract TestDatabase createDatabase();

    @BeforeEach
    final void openDatabase() {
        db = createDatabase();
        files = new RevisionFiles(scripts);
    }

    @AfterEach
    final void dropDatabase() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    /** The engine over this test's scripts and database. */
    Migrations engine() {
        return db.configure(scripts).load();
    }

    /** The version table's rows, read with plain JDBC. */
    List<String> rows() throws SQLException {
        return db.strings("SELECT version_num FROM alembic_version");
    }
}

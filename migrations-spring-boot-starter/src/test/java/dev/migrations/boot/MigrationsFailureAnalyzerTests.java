package dev.migrations.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.ChecksumMismatch;
import dev.migrations.ChecksumMismatchException;
import dev.migrations.LockTimeoutException;
import dev.migrations.MigrationFailedException;
import dev.migrations.MultipleHeadsException;
import dev.migrations.ScriptException;
import dev.migrations.StartRefusedException;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.core.io.support.SpringFactoriesLoader;

class MigrationsFailureAnalyzerTests {
    private final MigrationsFailureAnalyzer analyzer = new MigrationsFailureAnalyzer();

    /** Wraps the error the way a failed start-up does. */
    private FailureAnalysis analyze(Exception cause) {
        FailureAnalysis analysis =
                analyzer.analyze(new BeanCreationException("migrationsInitializer", "init failed", cause));
        assertThat(analysis).isNotNull();
        return analysis;
    }

    @Test
    void failedRevisionNamesRevisionFileLineStateMessageAndWhatWasApplied() {
        SQLException db = new SQLException(
                "ERROR: column \"email\" of relation \"users\" already exists\n  Position: 27", "42701");
        MigrationFailedException e = new MigrationFailedException(
                "Revision 3f2a9c1d0b7e (...) failed",
                "3f2a9c1d0b7e",
                "db/migrations/3f2a9c1d0b7e_add_email.sql",
                12,
                "42701",
                List.of("1975ea83b712"),
                List.of("1975ea83b712"),
                db);
        FailureAnalysis analysis = analyze(e);
        assertThat(analysis.getDescription())
                .contains(
                        "Revision 3f2a9c1d0b7e failed while the application was starting",
                        "Script:              db/migrations/3f2a9c1d0b7e_add_email.sql:12",
                        "SQLState:            42701",
                        "Database message:    ERROR: column \"email\" of relation \"users\" already exists",
                        "Applied in this run: 1975ea83b712",
                        "The database is at:  1975ea83b712")
                .doesNotContain("Position");
        assertThat(analysis.getAction())
                .startsWith("Fix the script db/migrations/3f2a9c1d0b7e_add_email.sql:12")
                .contains("restart the application");
    }

    @Test
    void lockTimeoutNamesTheProperty() {
        FailureAnalysis analysis = analyze(new LockTimeoutException("Timed out after 600 s waiting for the lock"));
        assertThat(analysis.getDescription()).contains("Timed out after 600 s");
        assertThat(analysis.getAction()).contains("migrations.lock-wait-timeout");
    }

    @Test
    void checksumMismatchNamesTheRecordCommandAndTheProperty() {
        FailureAnalysis analysis = analyze(new ChecksumMismatchException(
                List.of(new ChecksumMismatch("1975ea83b712", "db/migrations/1975_x.sql", "aaa", "bbb"))));
        assertThat(analysis.getDescription()).contains("1975ea83b712", "db/migrations/1975_x.sql", "aaa", "bbb");
        assertThat(analysis.getAction())
                .contains("migrations checksums --record", "migrations.validate-checksums=false");
    }

    @Test
    void startupErrorsCarryTheirOwnAction() {
        FailureAnalysis analysis = analyze(new StartRefusedException("not at target", "do this"));
        assertThat(analysis.getDescription()).isEqualTo("not at target");
        assertThat(analysis.getAction()).isEqualTo("do this");
    }

    @Test
    void badScriptNamesFileAndLine() {
        FailureAnalysis analysis = analyze(new ScriptException("db/migrations/x.sql", 3, "unknown header key 'Foo'"));
        assertThat(analysis.getAction()).contains("db/migrations/x.sql at line 3", "migrations.locations");
    }

    @Test
    void severalHeadsAskForATargetOrAMerge() {
        FailureAnalysis analysis = analyze(new MultipleHeadsException(
                "Multiple head revisions are present for given argument 'head'", List.of("c1", "c2"), new Exception()));
        assertThat(analysis.getDescription())
                .isEqualTo("The start-up migration cannot pick a head: Multiple head revisions are present for given"
                        + " argument 'head'");
        assertThat(analysis.getAction()).contains("migrations.target=heads", "merge heads");
    }

    @Test
    void analyzerAndDetectorAreRegistered() {
        SpringFactoriesLoader factories = SpringFactoriesLoader.forDefaultResourceLocation();
        // Other modules' analyzers need constructor arguments; only ours matters here.
        SpringFactoriesLoader.FailureHandler skip = SpringFactoriesLoader.FailureHandler.handleMessage((m, e) -> {});
        assertThat(factories.load(FailureAnalyzer.class, skip))
                .hasAtLeastOneElementOfType(MigrationsFailureAnalyzer.class);
        assertThat(factories.load(DatabaseInitializerDetector.class, skip))
                .hasAtLeastOneElementOfType(MigrationsDatabaseInitializerDetector.class);
    }
}

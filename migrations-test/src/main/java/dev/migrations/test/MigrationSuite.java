package dev.migrations.test;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Adds every check of the kit to a {@link MigrationTest} class: implement it and write no test method.
 * A class that wants only some checks declares its own {@code @TestFactory} taking {@link
 * MigrationChecks} instead.
 */
public interface MigrationSuite {
    /** Every check, as dynamic tests named after what they check and the revision. */
    @TestFactory
    @DisplayName("migration checks")
    default Stream<DynamicNode> migrations(MigrationChecks checks) {
        return checks.all();
    }
}

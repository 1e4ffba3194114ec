package dev.migrations.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The engine's tables beside the version table all carry its name and an underscore: the {@code
 * include_object} filter docs/alembic-differences.md gives Python teams for Alembic's {@code env.py}
 * leaves them out of autogenerate by that prefix alone, so a new table named otherwise would be
 * proposed for dropping in their revisions.
 */
class BookkeepingTablesTest {
    @Test
    void everyTableBesideTheVersionTableIsNamedAfterIt() {
        for (String versionTable : new String[] {"alembic_version", "app_versions"}) {
            assertThat(Autogenerate.bookkeepingTables(versionTable))
                    .contains(versionTable)
                    .allSatisfy(table -> assertThat(table.equals(versionTable) || table.startsWith(versionTable + "_"))
                            .as(table)
                            .isTrue());
        }
    }
}

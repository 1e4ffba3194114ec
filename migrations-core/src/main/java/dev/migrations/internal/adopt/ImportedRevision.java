package dev.migrations.internal.adopt;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One revision script an import writes.
 *
 * @param id the revision id, derived from the Flyway version or the Liquibase changeset
 * @param message the first header line
 * @param provenance header lines naming the source migration and its checksum, read back by adoption
 * @param transactional false for {@code Transactional: false}
 * @param upgrade the upgrade section's SQL
 * @param downgrade the downgrade section's SQL, or null for an empty section with {@code downgradeNote}
 * @param downgradeNote the comment of an empty downgrade section
 */
record ImportedRevision(
        String id,
        String message,
        List<String> provenance,
        boolean transactional,
        String upgrade,
        @Nullable String downgrade,
        String downgradeNote) {}

package dev.migrations;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What autogenerate or {@code check} found between the database at head and the model.
 *
 * @param operations one line per change, in running order, in Alembic's op vocabulary (e.g. {@code
 *     add_column users.email text}); empty when the database matches the model
 * @param reviews the {@code -- REVIEW:} notes a human must look at (possible renames, data loss, table
 *     rewrites, NOT NULL on populated columns)
 * @param upgradeSql the upgrade section's SQL
 * @param downgradeSql the downgrade section's SQL
 * @param revisionFile the revision written by autogenerate, or null for {@code check}
 */
public record SchemaChanges(
        List<String> operations,
        List<String> reviews,
        String upgradeSql,
        String downgradeSql,
        @Nullable Path revisionFile) {
    /** Copies the lists. */
    public SchemaChanges {
        operations = List.copyOf(operations);
        reviews = List.copyOf(reviews);
    }

    /** Whether the database matches the model. */
    public boolean empty() {
        return operations.isEmpty();
    }
}

package dev.migrations.adopt;

import org.jspecify.annotations.Nullable;

/**
 * Why a database cannot be adopted yet: one row of the tool's history, or one imported migration.
 *
 * @param kind what is wrong
 * @param migration the Flyway version ({@code 1.2}) or the Liquibase changeset ({@code id by author})
 * @param description the migration's description as the history table or the files have it
 * @param expected the checksum the imported files give, for a mismatch
 * @param found the checksum the history table holds, for a mismatch
 * @param advice what to do about it
 */
public record AdoptionProblem(
        Kind kind,
        String migration,
        String description,
        @Nullable String expected,
        @Nullable String found,
        String advice) {

    /** What is wrong. */
    public enum Kind {
        /** The history records a failed run of the migration. */
        FAILED,
        /** The applied migration's checksum is not the imported file's. */
        CHECKSUM_MISMATCH,
        /** The history names a migration that no imported revision stands for. */
        MISSING_FROM_FILES,
        /** An imported migration never ran although later ones did (pending, or skipped out of order). */
        NOT_APPLIED
    }

    /** One line: the migration, its description, and for a mismatch the expected and found checksums. */
    public String describe() {
        String checksums = kind == Kind.CHECKSUM_MISMATCH ? " expected checksum " + expected + ", found " + found : "";
        return switch (kind) {
                    case FAILED -> "failed: ";
                    case CHECKSUM_MISMATCH -> "checksum mismatch: ";
                    case MISSING_FROM_FILES -> "missing from the files: ";
                    case NOT_APPLIED -> "not applied: ";
                }
                + migration + " '" + description + "'" + checksums + " (" + advice + ")";
    }
}

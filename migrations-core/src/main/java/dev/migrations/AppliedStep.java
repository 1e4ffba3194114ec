package dev.migrations;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One step a run took.
 *
 * @param name {@code upgrade}, {@code downgrade} or {@code stamp_revision}
 * @param revision the revision whose script ran, or null for a stamp
 * @param from version rows the step started from (Alembic's log form, without dependencies)
 * @param to version rows the step went to
 * @param message the revision's message, or null for a stamp
 * @param duration how long the step took, its version-table bookkeeping included
 */
public record AppliedStep(
        String name,
        @Nullable String revision,
        List<String> from,
        List<String> to,
        @Nullable String message,
        Duration duration) {

    /** Validates and copies. */
    public AppliedStep {
        Objects.requireNonNull(name, "name");
        from = List.copyOf(from);
        to = List.copyOf(to);
        Objects.requireNonNull(duration, "duration");
    }

    /** {@code upgrade a -> b, message}: the form progress lines use. */
    public String describe() {
        String base = name + " " + String.join(", ", from) + " -> " + String.join(", ", to);
        return message == null || message.isEmpty() ? base : base + ", " + message;
    }
}

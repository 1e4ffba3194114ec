package dev.migrations.internal.command;

import dev.migrations.MigrationsException;

/**
 * A command's revision argument, where {@code ':'} is read in this one place: {@code [start:]end} for
 * offline SQL, {@code [start]:[end]} for history, and a single target for an online run.
 *
 * @param start the left side, or null when the argument has no {@code ':'}
 * @param end the right side (the whole argument without a {@code ':'})
 */
record Range(String start, String end) {
    /** {@code upgrade [start:]end --sql}. */
    static Range ofUpgradeSql(String value) {
        return split(value, value, null, "Range '%s' has more than one ':'; use <fromrev>:<torev>");
    }

    /** {@code downgrade start:end --sql}: the start is required. */
    static Range ofDowngradeSql(String value) {
        return split(
                value,
                value,
                "downgrade with --sql requires <fromrev>:<torev>",
                "Range '%s' has more than one ':'; use <fromrev>:<torev>");
    }

    /** {@code history -r [start]:[end]}. */
    static Range ofHistory(String value) {
        return split(
                value.strip(),
                value,
                "History range requires [start]:[end], [start]:, or :[end]",
                "History range '%s' has more than one ':'; use [start]:[end]");
    }

    /** An online run's target: a range is refused, as Alembic refuses it. */
    static String single(String target) {
        if (target.indexOf(':') >= 0) {
            throw new MigrationsException(
                    "Range revision not allowed: a range start:end only renders offline SQL; a run"
                            + " on the database takes one target revision");
        }
        return target;
    }

    private static Range split(String value, String shown, String withoutColon, String manyColons) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            if (withoutColon != null) {
                throw new MigrationsException(withoutColon);
            }
            return new Range(null, value);
        }
        if (value.indexOf(':', colon + 1) >= 0) {
            throw new MigrationsException(manyColons.formatted(shown));
        }
        return new Range(value.substring(0, colon), value.substring(colon + 1));
    }
}

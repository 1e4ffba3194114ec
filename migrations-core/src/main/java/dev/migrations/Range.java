package dev.migrations;

/** A command's {@code [start:]end} argument. */
record Range(String start, String end) {
    static Range parse(String value, boolean downgrade) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            if (downgrade) {
                throw new MigrationsException("downgrade with --sql requires <fromrev>:<torev>");
            }
            return new Range(null, value);
        }
        if (value.indexOf(':', colon + 1) >= 0) {
            throw new MigrationsException("Range '" + value + "' has more than one ':'; use <fromrev>:<torev>");
        }
        return new Range(value.substring(0, colon), value.substring(colon + 1));
    }
}

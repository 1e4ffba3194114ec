package dev.migrations;

import java.util.Locale;

/** What an online run does to the version table: run scripts up, run them down, or only set the rows. */
public enum RunKind {
    /** {@code upgrade}: runs revisions' upgrade sections. */
    UPGRADE,
    /** {@code downgrade}: runs revisions' downgrade sections. */
    DOWNGRADE,
    /** {@code stamp}: sets the version table without running scripts. */
    STAMP;

    /** The command's name as users type it and logs, meters and the endpoint show it: {@code upgrade}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

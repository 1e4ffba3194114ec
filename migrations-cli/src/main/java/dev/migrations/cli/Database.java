package dev.migrations.cli;

import dev.migrations.MigrationsException;
import java.util.List;

/**
 * The command line's access to the database named by {@code --url}. Every command that needs the
 * database goes through this interface, so the online release plugs in an implementation and the
 * commands stay as they are. Today {@link #of} returns one that explains that online commands are
 * not available yet.
 */
interface Database {
    /**
     * The version table's rows, for commands that show the database's state ({@code current},
     * {@code history -i}, {@code show current}, {@code status}).
     *
     * @param command the command as the user typed it, for messages
     */
    List<String> currentRows(String command);

    /**
     * Runs an upgrade, downgrade or stamp on the database.
     *
     * @param command the command as the user typed it, for messages
     */
    void run(String command);

    /** The database of the settings. */
    static Database of(Settings settings) {
        return new Unavailable(settings.url() != null);
    }

    /** Until online commands exist: every request fails with what to do instead. */
    final class Unavailable implements Database {
        private final boolean urlGiven;

        Unavailable(boolean urlGiven) {
            this.urlGiven = urlGiven;
        }

        @Override
        public List<String> currentRows(String command) {
            throw unavailable(command, "");
        }

        @Override
        public void run(String command) {
            throw unavailable(command, "; use --sql to print the SQL script instead");
        }

        private MigrationsException unavailable(String command, String hint) {
            String connection = urlGiven ? "a database connection" : "a database connection (--url)";
            return new MigrationsException(
                    "'" + command + "' needs " + connection + "; online commands arrive in a later release" + hint);
        }
    }
}

package dev.migrations.internal.schema;

import dev.migrations.MigrationsException;
import dev.migrations.internal.script.Statement;
import dev.migrations.internal.script.StatementSplitter;
import dev.migrations.spi.ModelSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The wanted schema declared as SQL ({@code db/schema.sql} by default): its statements, split the way
 * revision scripts are, run in the scratch schema. A failing statement is reported with the file, its
 * line and the database's message.
 */
public final class SchemaFileModelSource implements ModelSource {
    /** Where the schema file is looked for when {@code --model} is not given. */
    public static final String DEFAULT_PATH = "db/schema.sql";

    private final Path file;

    /** A source reading the given file. */
    public SchemaFileModelSource(Path file) {
        this.file = file;
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public void load(Connection connection, String scratchSchema, String dialect) throws SQLException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MigrationsException(
                    "Schema file " + file + " not found; declare the wanted schema there (CREATE"
                            + " TABLE ... statements), or point --model at another file or a scheme such as jpa:com.acme.domain");
        } catch (IOException e) {
            throw new MigrationsException("Could not read schema file " + file + ": " + e.getMessage(), e);
        }
        List<Statement> statements = StatementSplitter.split(file.toString(), text, 1);
        try (java.sql.Statement st = connection.createStatement()) {
            for (Statement statement : statements) {
                try {
                    st.execute(statement.sql());
                } catch (SQLException e) {
                    throw new MigrationsException(
                            file + ":" + statement.line() + ": "
                                    + e.getMessage().strip()
                                    + (e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]")
                                    + "; fix the schema file (it is loaded into an empty scratch schema, so it must"
                                    + " create every object it uses)",
                            e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}

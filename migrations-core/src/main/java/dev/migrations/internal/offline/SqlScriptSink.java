package dev.migrations.internal.offline;

import dev.migrations.internal.dialect.Dialect;
import dev.migrations.internal.runtime.MigrationSink;
import dev.migrations.internal.runtime.Step;
import dev.migrations.internal.script.RevisionScript;
import dev.migrations.internal.script.Statement;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a run as an SQL script in Alembic's offline shape: each statement followed by {@code ;}
 * and a blank line, each step introduced by {@code -- Running upgrade a -> b}.
 */
public final class SqlScriptSink implements MigrationSink {
    private final Appendable out;
    private final Dialect dialect;
    private final String schema;
    private final String table;

    /**
     * Creates the sink.
     *
     * @param out where the script goes
     * @param dialect the database the script is for
     * @param schema the version table's schema, or null
     * @param table the version table's name
     */
    public SqlScriptSink(Appendable out, Dialect dialect, String schema, String table) {
        this.out = out;
        this.dialect = dialect;
        this.schema = schema;
        this.table = table;
    }

    private void emit(String text) {
        try {
            out.append(text).append("\n\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void statement(String sql) {
        emit(sql + ";");
    }

    @Override
    public boolean offline() {
        return true;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void begin() {
        statement("BEGIN");
    }

    @Override
    public void commit() {
        statement("COMMIT");
    }

    @Override
    public void createVersionTable() {
        statement(dialect.createVersionTable(schema, table));
    }

    @Override
    public void stepStarted(Step step) {
        emit("-- Running " + step.shortLog());
    }

    @Override
    public void execute(RevisionScript script, Statement statement) {
        statement(statement.sql());
    }

    @Override
    public void insertVersion(String version) {
        statement(dialect.insertVersion(schema, table, version));
    }

    @Override
    public void deleteVersion(String version) {
        statement(dialect.deleteVersion(schema, table, version));
    }

    @Override
    public void updateVersion(String from, String to) {
        statement(dialect.updateVersion(schema, table, from, to));
    }
}

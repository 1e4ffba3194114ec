package dev.migrations.reliability.alembic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One revision graph written twice into a directory: as this engine's {@code .sql} scripts ({@code
 * sql/}) and as an Alembic project ({@code alembic.ini}, {@code migrations/env.py}, {@code
 * migrations/versions/*.py}) whose revisions carry the same ids, down revisions, branch labels and
 * dependencies and execute the same SQL.
 *
 * <p>The graph: {@code aa01 -> aa02}, which branches into {@code billing} ({@code bb01 -> bb02})
 * and {@code audit} ({@code cc01 -> cc02}, where {@code cc01} depends on {@code bb01}: its table
 * references theirs); {@code mm01} merges {@code bb02} and {@code cc02} (a view over columns both
 * branches add), and {@code mm02}, not transactional, creates an index concurrently.
 */
final class InteropProject {
    /**
     * A revision of the graph.
     *
     * @param id revision id
     * @param message first line of the header, the docstring's first paragraph
     * @param down down revisions (empty for a base; two for a merge)
     * @param label branch label, or null
     * @param dependsOn a revision it depends on, or null
     * @param transactional false to run outside a transaction (Alembic: in an autocommit block)
     * @param up upgrade SQL, one statement
     * @param downSql downgrade SQL, one statement
     */
    record Rev(
            String id,
            String message,
            List<String> down,
            String label,
            String dependsOn,
            boolean transactional,
            String up,
            String downSql) {}

    static final List<Rev> GRAPH = List.of(
            new Rev(
                    "aa01",
                    "create accounts",
                    List.of(),
                    null,
                    null,
                    true,
                    "CREATE TABLE accounts (id int PRIMARY KEY)",
                    "DROP TABLE accounts"),
            new Rev(
                    "aa02",
                    "add account email",
                    List.of("aa01"),
                    null,
                    null,
                    true,
                    "ALTER TABLE accounts ADD COLUMN email text",
                    "ALTER TABLE accounts DROP COLUMN email"),
            new Rev(
                    "bb01",
                    "create invoices",
                    List.of("aa02"),
                    "billing",
                    null,
                    true,
                    "CREATE TABLE invoices (id int PRIMARY KEY, account_id int REFERENCES accounts)",
                    "DROP TABLE invoices"),
            new Rev(
                    "bb02",
                    "add invoice total",
                    List.of("bb01"),
                    null,
                    null,
                    true,
                    "ALTER TABLE invoices ADD COLUMN total numeric(12, 2)",
                    "ALTER TABLE invoices DROP COLUMN total"),
            new Rev(
                    "cc01",
                    "create audit log",
                    List.of("aa02"),
                    "audit",
                    "bb01",
                    true,
                    "CREATE TABLE audit_log (id int PRIMARY KEY, invoice_id int REFERENCES invoices)",
                    "DROP TABLE audit_log"),
            new Rev(
                    "cc02",
                    "add audit time",
                    List.of("cc01"),
                    null,
                    null,
                    true,
                    "ALTER TABLE audit_log ADD COLUMN at timestamptz",
                    "ALTER TABLE audit_log DROP COLUMN at"),
            new Rev(
                    "mm01",
                    "merge billing and audit",
                    List.of("bb02", "cc02"),
                    null,
                    null,
                    true,
                    "CREATE VIEW invoice_audit AS SELECT i.id, i.total, a.at FROM invoices i"
                            + " JOIN audit_log a ON a.invoice_id = i.id",
                    "DROP VIEW invoice_audit"),
            new Rev(
                    "mm02",
                    "index account email",
                    List.of("mm01"),
                    null,
                    null,
                    false,
                    "CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email)",
                    "DROP INDEX CONCURRENTLY accounts_email_idx"));

    /** The application's tables, the model a Python team would declare (views are not compared). */
    static final List<String> APPLICATION_TABLES = List.of("accounts", "invoices", "audit_log");

    private static final String ENV_PY = """
            \"""Alembic's environment for the interop test: the test's database, and a model of the
            application's tables (what a Python team declares in its models) for autogenerate.\"""
            import os

            from alembic import context
            from sqlalchemy import MetaData, create_engine

            # --- the snippet of docs/alembic-differences.md, as the docs give it ---
            %s
            # ---

            APPLICATION_TABLES = {%s}


            def run_migrations_online():
                engine = create_engine(os.environ["INTEROP_DATABASE_URL"])
                target_metadata = MetaData()
                # Reflected on a connection of its own: one that has begun a transaction would make
                # Alembic leave the migration's transaction to it, uncommitted.
                with engine.connect() as reflecting:
                    target_metadata.reflect(bind=reflecting, only=lambda name, _: name in APPLICATION_TABLES)
                filtered = os.environ.get("INTEROP_FILTER", "on") == "on"
                with engine.connect() as connection:
                    context.configure(
                        connection=connection,
                        target_metadata=target_metadata,
                        include_object=include_object if filtered else None,
                    )
                    with context.begin_transaction():
                        context.run_migrations()


            run_migrations_online()
            """;

    private static final String SCRIPT_MAKO = """
            \"""${message}

            Revision ID: ${up_revision}
            Revises: ${down_revision | comma,n}
            \"""
            from alembic import op
            import sqlalchemy as sa

            revision = ${repr(up_revision)}
            down_revision = ${repr(down_revision)}
            branch_labels = ${repr(branch_labels)}
            depends_on = ${repr(depends_on)}


            def upgrade():
                ${upgrades if upgrades else "pass"}


            def downgrade():
                ${downgrades if downgrades else "pass"}
            """;

    private InteropProject() {}

    /** Writes both projects into {@code dir}; {@code snippet} is the Python pasted into env.py. */
    static void write(Path dir, String snippet) throws IOException {
        Path sql = Files.createDirectories(dir.resolve("sql"));
        Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
        writeFile(dir.resolve("alembic.ini"), "[alembic]\nscript_location = migrations\n");
        String tables = APPLICATION_TABLES.stream().map(InteropProject::python).collect(Collectors.joining(", "));
        writeFile(dir.resolve("migrations/env.py"), ENV_PY.formatted(snippet.strip(), tables));
        writeFile(dir.resolve("migrations/script.py.mako"), SCRIPT_MAKO);
        for (Rev rev : GRAPH) {
            writeFile(sql.resolve(rev.id() + "_rev.sql"), sqlScript(rev));
            writeFile(versions.resolve(rev.id() + "_rev.py"), pythonScript(rev));
        }
    }

    /** The engine's script (docs/revision-scripts.md). */
    private static String sqlScript(Rev rev) {
        StringBuilder text = new StringBuilder("-- ").append(rev.message()).append("\n--\n");
        text.append("-- Revision ID: ").append(rev.id()).append('\n');
        text.append("-- Revises: ").append(String.join(", ", rev.down())).append('\n');
        if (rev.label() != null) {
            text.append("-- Branch Labels: ").append(rev.label()).append('\n');
        }
        if (rev.dependsOn() != null) {
            text.append("-- Depends On: ").append(rev.dependsOn()).append('\n');
        }
        text.append("-- Transactional: ").append(rev.transactional()).append("\n\n");
        text.append("-- migrate:upgrade\n").append(rev.up()).append(";\n\n");
        return text.append("-- migrate:downgrade\n")
                .append(rev.downSql())
                .append(";\n")
                .toString();
    }

    /** The thin Alembic revision: the same identity, the same SQL through {@code op.execute}. */
    private static String pythonScript(Rev rev) {
        String down =
                switch (rev.down().size()) {
                    case 0 -> "None";
                    case 1 -> python(rev.down().get(0));
                    default ->
                        rev.down().stream().map(InteropProject::python).collect(Collectors.joining(", ", "(", ")"));
                };
        return "\"\"\"" + rev.message() + "\n\nRevision ID: " + rev.id() + "\n\"\"\"\n"
                + "from alembic import op\n\n"
                + "revision = " + python(rev.id()) + "\n"
                + "down_revision = " + down + "\n"
                + "branch_labels = " + (rev.label() == null ? "None" : "(" + python(rev.label()) + ",)") + "\n"
                + "depends_on = " + (rev.dependsOn() == null ? "None" : python(rev.dependsOn())) + "\n\n\n"
                + "def upgrade():\n" + execute(rev, rev.up()) + "\n\n"
                + "def downgrade():\n" + execute(rev, rev.downSql());
    }

    /** {@code op.execute}, inside an autocommit block when the revision is not transactional. */
    private static String execute(Rev rev, String sql) {
        if (rev.transactional()) {
            return "    op.execute(" + python(sql) + ")\n";
        }
        return "    with op.get_context().autocommit_block():\n        op.execute(" + python(sql) + ")\n";
    }

    /** A Python string literal (the SQL here has no backslashes or newlines). */
    private static String python(String text) {
        return "'" + text.replace("'", "\\'") + "'";
    }

    private static void writeFile(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}

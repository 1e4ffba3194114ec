package dev.migrations.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A realistic Flyway project: tables, data, an index built concurrently, a view, a function with a
 * dollar-quoted body, a placeholder, dotted and underscored versions, a script with CRLF line endings and
 * a byte-order mark, an undo script, a repeatable migration. Every versioned script records its run in
 * {@code runs}, so a test sees any migration that ran twice.
 */
final class FlywayProjectFiles {
    /** The versioned scripts written, and so the revisions an import writes. */
    static final int VERSIONED = 29;

    private FlywayProjectFiles() {}

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        file(dir, "V1__Create_runs_and_users.sql", """
                CREATE TABLE runs (version text NOT NULL, ran_at timestamptz NOT NULL DEFAULT now());
                CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL);
                INSERT INTO runs (version) VALUES ('1');
                """);
        file(dir, "V1_1__Add_user_name.sql", """
                ALTER TABLE users ADD COLUMN name text;
                INSERT INTO runs (version) VALUES ('1.1');
                """);
        file(dir.resolve("sub"), "V1.2__Seed_users.sql", """
                -- data: three users; a second run would make six
                INSERT INTO users (email, name) VALUES ('a@example.com', 'Ann'), ('b@example.com', 'Bob'),
                    ('c@example.com', 'Cy; with a semicolon');
                INSERT INTO runs (version) VALUES ('1.2');
                """);
        file(dir, "V2__Create_orders.sql", """
                CREATE TABLE orders (
                    id bigserial PRIMARY KEY,
                    user_id bigint NOT NULL REFERENCES users (id),
                    total numeric(12, 2) NOT NULL DEFAULT 0
                );
                INSERT INTO orders (user_id, total) SELECT id, id * 10 FROM users;
                INSERT INTO runs (version) VALUES ('2');
                """);
        file(dir, "U2__Create_orders.sql", "DROP TABLE orders;\n");
        file(dir, "V2_1__Index_orders_concurrently.sql", """
                CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
                """);
        file(dir, "V3__User_totals_view.sql", """
                CREATE VIEW user_totals AS
                    SELECT u.id, u.email, coalesce(sum(o.total), 0) AS total
                    FROM users u LEFT JOIN orders o ON o.user_id = u.id
                    GROUP BY u.id, u.email;
                INSERT INTO runs (version) VALUES ('3');
                """);
        file(dir, "V4__Order_total_function.sql", """
                CREATE FUNCTION order_total(p_user bigint) RETURNS numeric
                LANGUAGE plpgsql AS $body$
                DECLARE
                    result numeric;
                BEGIN
                    -- a ';' and a '$' inside the body must not end the statement
                    SELECT coalesce(sum(total), 0) INTO result FROM orders WHERE user_id = p_user;
                    RETURN result;
                END;
                $body$;
                INSERT INTO runs (version) VALUES ('4');
                """);
        file(dir, "V5__Audit_table_with_placeholder.sql", """
                CREATE TABLE ${table_prefix}audit (id bigserial PRIMARY KEY, what text NOT NULL);
                INSERT INTO ${table_prefix}audit (what) VALUES ('created');
                INSERT INTO runs (version) VALUES ('5');
                """);
        Files.write(
                dir.resolve("V6__Windows_line_endings.sql"),
                ("\ufeff"
                                + String.join(
                                        "\r\n",
                                        "CREATE TABLE settings (key text PRIMARY KEY, value text);",
                                        "INSERT INTO settings VALUES ('theme', 'dark');",
                                        "INSERT INTO runs (version) VALUES ('6');",
                                        ""))
                        .getBytes(StandardCharsets.UTF_8));
        for (int v = 7; v <= 25; v++) {
            file(
                    dir,
                    "V" + v + "__Add_attribute_" + v + ".sql",
                    "ALTER TABLE users ADD COLUMN attr_" + v
                            + " integer NOT NULL DEFAULT " + v + ";\nUPDATE users SET attr_" + v + " = id + " + v
                            + ";\nINSERT INTO runs (version) VALUES ('" + v + "');\n");
        }
        file(dir, "V25_1__Non_transactional_by_config.sql", "VACUUM users;\n");
        file(dir, "V25_1__Non_transactional_by_config.sql.conf", "executeInTransaction=false\n");
        file(dir, "R__Refresh_comments.sql", "COMMENT ON TABLE users IS 'people';\n");
        return dir;
    }

    private static void file(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}

package dev.migrations.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A realistic Liquibase project: an XML root changelog with a property, including a formatted-SQL
 * changelog and a YAML one, with tables, data, an index built concurrently outside a transaction, a view,
 * a function with a dollar-quoted body in a sqlFile, rollbacks. Every changeset that changes data
 * records its run in {@code runs}.
 */
final class LiquibaseProjectFiles {
    /** The changesets, and so the revisions an import writes. */
    static final int CHANGESETS = 28;

    /** The changesets that insert into {@code runs}. */
    static final int RUNS = 26;

    private LiquibaseProjectFiles() {}

    /** Writes the project and returns the root changelog. */
    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("changes"));
        StringBuilder formatted = new StringBuilder("""
                --liquibase formatted sql

                --changeset alice:1
                --comment: Create runs and users
                CREATE TABLE runs (version text NOT NULL, ran_at timestamptz NOT NULL DEFAULT now());
                CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL);
                INSERT INTO runs (version) VALUES ('1');
                --rollback DROP TABLE users;
                --rollback DROP TABLE runs;

                --changeset alice:2
                -- a plain comment stays part of the SQL, and of Liquibase's checksum
                INSERT INTO users (email) VALUES ('a@example.com'), ('b@example.com'), ('c;d@example.com');
                INSERT INTO runs (version) VALUES ('2');

                --changeset bob:3 splitStatements:true
                CREATE TABLE orders (
                    id bigserial PRIMARY KEY,
                    user_id bigint NOT NULL REFERENCES users (id),
                    total numeric(12, 2) NOT NULL DEFAULT 0
                );
                INSERT INTO orders (user_id, total) SELECT id, id * 10 FROM users;
                INSERT INTO runs (version) VALUES ('3');
                --rollback DROP TABLE orders;
                """);
        for (int i = 4; i <= 23; i++) {
            formatted
                    .append("\n--changeset bob:")
                    .append(i)
                    .append("\nALTER TABLE users ADD COLUMN attr_")
                    .append(i)
                    .append(" integer NOT NULL DEFAULT ")
                    .append(i)
                    .append(";\nINSERT INTO runs (version) VALUES ('")
                    .append(i)
                    .append("');\n--rollback ALTER TABLE users DROP COLUMN attr_")
                    .append(i)
                    .append(";\n");
        }
        Files.writeString(dir.resolve("changes/001-tables.sql"), formatted, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("changes/002-settings.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: settings-1
                      author: carol
                      comment: Settings table
                      changes:
                        - sql:
                            sql: CREATE TABLE settings (key text PRIMARY KEY, value text);
                        - sql:
                            sql: |
                              INSERT INTO settings VALUES ('theme', 'dark');
                              INSERT INTO runs (version) VALUES ('settings-1');
                      rollback: DROP TABLE settings;
                """, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("changes/order_total.sql"), """
                CREATE FUNCTION order_total(p_user bigint) RETURNS numeric
                LANGUAGE plpgsql AS $body$
                DECLARE
                    result numeric;
                BEGIN
                    SELECT coalesce(sum(total), 0) INTO result FROM orders WHERE user_id = p_user;
                    RETURN result;
                END;
                $body$;
                """, StandardCharsets.UTF_8);
        Path root = dir.resolve("db.changelog-master.xml");
        Files.writeString(root, """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                  <property name="audit_table" value="app_audit"/>
                  <include file="changes/001-tables.sql" relativeToChangelogFile="true"/>
                  <include file="changes/002-settings.yaml" relativeToChangelogFile="true"/>
                  <changeSet id="view-1" author="dave">
                    <comment>User totals view</comment>
                    <sql>
                      CREATE VIEW user_totals AS
                        SELECT u.id, u.email, coalesce(sum(o.total), 0) AS total
                        FROM users u LEFT JOIN orders o ON o.user_id = u.id
                        GROUP BY u.id, u.email;
                      INSERT INTO runs (version) VALUES ('view-1');
                    </sql>
                    <rollback>DROP VIEW user_totals;</rollback>
                  </changeSet>
                  <changeSet id="index-1" author="dave" runInTransaction="false">
                    <sql>CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id)</sql>
                    <rollback><sql>DROP INDEX CONCURRENTLY orders_user_id_idx</sql></rollback>
                  </changeSet>
                  <changeSet id="function-1" author="dave">
                    <sqlFile path="changes/order_total.sql" relativeToChangelogFile="true" splitStatements="false"/>
                  </changeSet>
                  <changeSet id="audit-1" author="erin">
                    <sql>CREATE TABLE ${audit_table} (id bigserial PRIMARY KEY, what text NOT NULL);
                    INSERT INTO ${audit_table} (what) VALUES ('created');
                    INSERT INTO runs (version) VALUES ('audit-1');</sql>
                  </changeSet>
                </databaseChangeLog>
                """, StandardCharsets.UTF_8);
        return root;
    }
}

package dev.migrations.it;

import dev.migrations.spi.JavaMigration;
import dev.migrations.spi.Migration;
import dev.migrations.spi.MigrationContext;
import dev.migrations.spi.Operations;
import dev.migrations.spi.model.Column;
import dev.migrations.spi.model.Index;
import dev.migrations.spi.model.Table;
import java.sql.Statement;
import java.util.function.Supplier;

/** Java migrations given as instances (not in a scanned package), one per failure mode. */
final class JavaFixtures {
    private JavaFixtures() {}

    /** Creates a table, then throws: the table must not survive on a transactional database. */
    @Migration(id = "jfail", revises = "r1", message = "Fails half way")
    static final class Failing implements JavaMigration {
        @Override
        public void upgrade(MigrationContext context) {
            context.execute("CREATE TABLE t_jfail (id INT)");
            throw new IllegalStateException("boom in Java");
        }
    }

    /** Uses the raw connection, which has no meaning offline. */
    @Migration(id = "jconn", revises = "r1", message = "Needs JDBC")
    static final class UsesConnection implements JavaMigration {
        @Override
        public void upgrade(MigrationContext context) throws Exception {
            try (Statement st = context.connection().createStatement()) {
                st.execute("CREATE TABLE t_jconn (id INT)");
            }
        }
    }

    /** Tries to commit the engine's transaction. */
    @Migration(id = "jcommit", revises = "r1")
    static final class Commits implements JavaMigration {
        @Override
        public void upgrade(MigrationContext context) throws Exception {
            context.execute("CREATE TABLE t_jcommit (id INT)");
            context.connection().commit();
        }
    }

    /** Runs outside a transaction: PostgreSQL refuses CREATE INDEX CONCURRENTLY inside one. */
    @Migration(id = "jconc", revises = "r1", transactional = false)
    static final class Concurrently implements JavaMigration {
        @Override
        public void upgrade(MigrationContext context) {
            context.execute("CREATE TABLE t_jconc (id INT)");
            context.execute("CREATE INDEX CONCURRENTLY ix_jconc ON t_jconc (id)");
        }

        @Override
        public void downgrade(MigrationContext context) {
            context.execute("DROP TABLE t_jconc");
        }
    }

    /** An instance with a collaborator, as a Spring bean with an injected service would be. */
    @Migration(id = "jbean", revises = "r1", message = "Uses a service")
    static final class WithService implements JavaMigration {
        private final Supplier<String> service;

        WithService(Supplier<String> service) {
            this.service = service;
        }

        @Override
        public void upgrade(MigrationContext context) {
            context.execute("CREATE TABLE t_jbean (name VARCHAR(40))");
            context.execute("INSERT INTO t_jbean VALUES ('" + service.get() + "')");
        }
    }

    /** Declares its checksum, as a class whose builds are not byte-for-byte reproducible would. */
    @Migration(id = "jver", revises = "r1")
    static final class Versioned implements JavaMigration {
        private final String version;

        Versioned(String version) {
            this.version = version;
        }

        @Override
        public void upgrade(MigrationContext context) {
            context.execute("CREATE TABLE t_jver (id INT)");
        }

        @Override
        public String checksum() {
            return version;
        }
    }

    /** Has the id of a SQL revision. */
    @Migration(id = "r1")
    static final class DuplicateOfR1 implements JavaMigration {
        @Override
        public void upgrade(MigrationContext context) {}
    }

    /** Uses the portable operations API in both directions. */
    @Migration(id = "jops", revises = "r1", message = "Portable operations")
    static final class UsesOperations implements JavaMigration {
        @Override
        public void upgrade(MigrationContext context) {
            Operations ops = context.operations();
            context.execute(ops.createTable(
                    Table.of("t_jops", Column.of("id", "integer").notNull(), Column.of("email", "varchar(200)"))
                            .withPrimaryKey("id")));
            context.execute(ops.createIndex("t_jops", Index.of("t_jops_email_idx", "email")));
        }

        @Override
        public void downgrade(MigrationContext context) {
            context.execute(context.operations().dropTable("t_jops"));
        }
    }
}

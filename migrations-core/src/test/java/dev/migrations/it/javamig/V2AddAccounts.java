package dev.migrations.it.javamig;

import dev.migrations.spi.JavaMigration;
import dev.migrations.spi.Migration;
import dev.migrations.spi.MigrationContext;
import java.sql.PreparedStatement;

/** Found by package scan: creates a table with SQL and fills it through the JDBC connection. */
@Migration(id = "j2", revises = "r1", message = "Add accounts in Java")
public class V2AddAccounts implements JavaMigration {
    @Override
    public void upgrade(MigrationContext context) throws Exception {
        context.execute("CREATE TABLE t_j2 (id INT, dialect VARCHAR(20), revision VARCHAR(32))");
        if (context.isOffline()) {
            context.execute("INSERT INTO t_j2 VALUES (42, '" + context.dialect() + "', '" + context.revision() + "');");
            return;
        }
        // try-with-resources on the context's connection must leave the engine's connection open.
        try (var connection = context.connection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO t_j2 VALUES (?, ?, ?)")) {
            insert.setInt(1, 42);
            insert.setString(2, context.dialect());
            insert.setString(3, context.revision());
            insert.executeUpdate();
        }
    }

    @Override
    public void downgrade(MigrationContext context) {
        context.execute("DROP TABLE t_j2");
    }
}

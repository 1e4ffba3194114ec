package dev.migrations.internal.runtime;

import dev.migrations.MigrationsException;
import dev.migrations.internal.schema.DialectOperations;
import dev.migrations.internal.script.RevisionScript;
import dev.migrations.internal.script.Statement;
import dev.migrations.spi.JavaMigration;
import dev.migrations.spi.MigrationContext;
import dev.migrations.spi.Operations;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;

/**
 * Runs a Java migration's upgrade or downgrade as the body of its step: SQL it executes goes to the
 * sink like a script's statements, so online it runs in the step's transaction and offline it is
 * written under the step's {@code -- Running} line.
 */
final class JavaBody {
    /** Calls that would take the transaction away from the engine. */
    private static final Set<String> FORBIDDEN = Set.of("commit", "rollback", "setAutoCommit", "abort");

    private JavaBody() {}

    static void run(RevisionScript script, boolean upgrade, MigrationSink sink) {
        JavaMigration migration = script.javaMigration();
        Context context = new Context(script, sink);
        try {
            if (upgrade) {
                migration.upgrade(context);
            } else {
                migration.downgrade(context);
            }
        } catch (JdbcSink.StatementFailure | JdbcSink.ConcurrentChange | JdbcSink.BookkeepingFailure e) {
            // The engine's own failures pass through as they do for SQL scripts.
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(script, sink, e);
        } catch (Exception | LinkageError | AssertionError e) {
            throw failure(script, sink, e);
        }
    }

    private static RuntimeException failure(RevisionScript script, MigrationSink sink, Throwable e) {
        if (!sink.offline()) {
            return new JavaMigrationFailure(script, e);
        }
        if (e instanceof MigrationsException m) {
            return m;
        }
        return new MigrationsException(
                "Revision " + script.revision() + " (" + script.path() + ") failed while writing offline SQL: "
                        + JavaMigrationFailure.describe(e),
                e);
    }

    /** The context handed to the migration. */
    private static final class Context implements MigrationContext {
        private final RevisionScript script;
        private final MigrationSink sink;

        Context(RevisionScript script, MigrationSink sink) {
            this.script = script;
            this.sink = sink;
        }

        @Override
        public void execute(String sql) {
            String text = sql.strip();
            // A trailing ';' would be doubled in the offline script.
            if (text.endsWith(";")) {
                text = text.substring(0, text.length() - 1).strip();
            }
            sink.execute(script, new Statement(text, 0));
        }

        @Override
        public Connection connection() {
            Connection connection = sink.connection();
            if (connection == null) {
                throw new MigrationsException("Revision " + script.revision() + " (" + script.path()
                        + ") asked for a JDBC connection in offline mode (--sql), where there is none; run its"
                        + " SQL through MigrationContext.execute() so it is written to the script, or check"
                        + " MigrationContext.isOffline() first");
            }
            return guarded(connection);
        }

        private Connection guarded(Connection connection) {
            InvocationHandler handler = (proxy, method, args) -> invoke(connection, method, args);
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
        }

        private Object invoke(Connection connection, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("close")) {
                // try-with-resources on the context's connection must not close the engine's.
                return null;
            }
            if (FORBIDDEN.contains(name)) {
                throw new MigrationsException("Revision " + script.revision() + " (" + script.path() + ") called"
                        + " Connection." + name + "(); the engine commits or rolls back each revision with its"
                        + " version-table update, so migrations must not; use @Migration(transactional = false)"
                        + " for work that cannot run in a transaction");
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public boolean isOffline() {
            return sink.offline();
        }

        @Override
        public String dialect() {
            return sink.dialectName();
        }

        @Override
        public String revision() {
            return script.revision();
        }

        @Override
        public Operations operations() {
            return DialectOperations.forDialect(dialect());
        }
    }
}

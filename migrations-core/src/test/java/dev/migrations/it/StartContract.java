package dev.migrations.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.LintOptions;
import dev.migrations.Migrations;
import dev.migrations.RunKind;
import dev.migrations.Severity;
import dev.migrations.StartMode;
import dev.migrations.StartOptions;
import dev.migrations.StartRefusedException;
import dev.migrations.StartResult;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The start-up policy every front door shares ({@link Migrations#start}): each mode, a database above
 * its target, unknown revisions, the lint at start, and what a start at the target costs.
 */
abstract class StartContract extends DatabaseContract {
    private StartResult start(StartOptions options) {
        return engine().start(options);
    }

    @Test
    void upgradeMigratesThenFindsTheDatabaseAtTheTarget() throws Exception {
        files.linear("r1", "r2");

        StartResult first = start(StartOptions.of(StartMode.UPGRADE));
        assertThat(first.outcome()).isEqualTo(StartResult.Outcome.MIGRATED);
        assertThat(first.run().scriptsRun()).isEqualTo(2);
        assertThat(first.current()).containsExactly("r2");

        StartResult again = start(StartOptions.of(StartMode.UPGRADE));
        assertThat(again.outcome()).isEqualTo(StartResult.Outcome.AT_TARGET);
        assertThat(again.run()).isNull();
        assertThat(rows()).containsExactly("r2");
    }

    @Test
    void aStartAtTheTargetOpensOneConnectionAndTakesNoLock() throws Exception {
        files.linear("r1", "r2");
        engine().upgrade("head");
        Counting verified = new Counting(db.dataSource());
        Counting unverified = new Counting(db.dataSource());
        db.execute("DELETE FROM alembic_version_verified");

        // Without the record: one look reads the rows and checksums, plans, and records the verification.
        db.configure(scripts).dataSource(unverified.proxy()).load().start(StartOptions.of(StartMode.UPGRADE));
        // With it: one look, no script read.
        db.configure(scripts).dataSource(verified.proxy()).load().start(StartOptions.of(StartMode.UPGRADE));

        assertThat(unverified.connections.get()).isEqualTo(1);
        assertThat(verified.connections.get()).isEqualTo(1);
        System.out.printf(
                "[start at head, %s] statements: %d with the verification record, %d without%n",
                db.kind(), verified.statements.get(), unverified.statements.get());
    }

    @Test
    void validateRefusesPendingRevisionsAndMigratesNothing() throws Exception {
        files.linear("r1", "r2");
        engine().upgrade("r1");

        assertThatThrownBy(() -> start(StartOptions.of(StartMode.VALIDATE)))
                .isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("not at the target head: 1 revision(s) pending: r2")
                .satisfies(e -> assertThat(((StartRefusedException) e).action()).contains("migrations.mode=upgrade"));
        assertThat(rows()).containsExactly("r1");

        engine().upgrade("head");
        assertThat(start(StartOptions.of(StartMode.VALIDATE)).outcome()).isEqualTo(StartResult.Outcome.AT_TARGET);
    }

    @Test
    void waitReturnsOnceAnotherMigratorReachesTheTargetAndRefusesAfterTheTimeout() throws Exception {
        files.linear("r1", "r2");
        StartOptions wait = StartOptions.of(StartMode.WAIT).withWait(Duration.ofSeconds(20), Duration.ofMillis(50));

        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            sleep(300);
            engine().upgrade("head");
        });
        StartResult waited = start(wait);
        other.join();
        assertThat(waited.outcome()).isEqualTo(StartResult.Outcome.AT_TARGET);
        assertThat(waited.current()).containsExactly("r2");

        files.rev("r3").revises("r2").write();
        assertThatThrownBy(() -> start(wait.withWait(Duration.ofMillis(200), Duration.ofMillis(50))))
                .isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("Waited 200ms")
                .hasMessageContaining("pending: r3");
        assertThat(rows()).containsExactly("r2");
    }

    @Test
    void noneReportsWhatIsPendingWithoutMigrating() throws Exception {
        files.linear("r1", "r2");

        StartResult result = start(StartOptions.of(StartMode.NONE));

        assertThat(result.outcome()).isEqualTo(StartResult.Outcome.PENDING);
        assertThat(result.pending()).containsExactly("r1", "r2");
        assertThat(db.number("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) LIKE"
                        + " 'alembic_version%'"))
                .isZero();
    }

    @Test
    void aDatabaseAboveTheTargetIsRefusedUnlessDowngradeIsAllowed() throws Exception {
        files.linear("r1", "r2");
        engine().upgrade("head");
        StartOptions toR1 = StartOptions.of(StartMode.UPGRADE).withTarget("r1");

        assertThatThrownBy(() -> start(toR1))
                .isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("above the target r1: reaching it would downgrade r2")
                .satisfies(e ->
                        assertThat(((StartRefusedException) e).action()).contains("migrations.allow-downgrade=true"));
        assertThat(rows()).containsExactly("r2");

        StartResult down = start(toR1.allowingDowngrade());
        assertThat(down.outcome()).isEqualTo(StartResult.Outcome.MIGRATED);
        assertThat(down.run().kind()).isEqualTo(RunKind.DOWNGRADE);
        assertThat(rows()).containsExactly("r1");
    }

    @Test
    void unknownRevisionsRefuseTheStartUnlessTolerated() throws Exception {
        files.linear("r1", "r2");
        engine().upgrade("head");
        db.execute("UPDATE alembic_version SET version_num = 'zz9'");

        assertThatThrownBy(() -> start(StartOptions.of(StartMode.UPGRADE)))
                .isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("names revision zz9");

        StartResult skipped = start(StartOptions.of(StartMode.UPGRADE).toleratingUnknownRevisions());
        assertThat(skipped.outcome()).isEqualTo(StartResult.Outcome.SKIPPED);
        assertThat(rows()).containsExactly("zz9");
    }

    @Test
    void aLintFindingAtTheThresholdRefusesTheUpgradeBeforeAnythingRuns() throws Exception {
        files.rev("r1").upgrade("CREATE TABLE t (id INT);").write();
        files.rev("r2").revises("r1").upgrade("CREATE INDEX t_id ON t (id);").write();
        engine().upgrade("r1");
        StartOptions linted = StartOptions.of(StartMode.UPGRADE)
                .withLint(new StartOptions.StartLint(LintOptions.defaults(), Severity.WARNING));

        assertThatThrownBy(() -> start(linted))
                .isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("nothing was migrated")
                .hasMessageContaining("create-index-not-concurrently");
        assertThat(rows()).containsExactly("r1");
    }

    @Test
    void aRangeTargetIsRefusedBeforeTheDatabaseIsTouched() {
        files.linear("r1");
        assertThatThrownBy(() -> start(StartOptions.of(StartMode.UPGRADE).withTarget("base:head")))
                .hasMessage(
                        "Range revision not allowed: a range start:end only renders offline SQL; a run on the database takes one target revision");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A DataSource that counts the connections it opens and the statements they execute. */
    static final class Counting {
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger statements = new AtomicInteger();
        private final DataSource target;

        Counting(DataSource target) {
            this.target = target;
        }

        DataSource proxy() {
            return wrap(DataSource.class, target, (object, method, args) -> {
                Object result = call(object, method, args);
                if (method.getName().equals("getConnection")) {
                    connections.incrementAndGet();
                    return wrap(Connection.class, (Connection) result, this::connectionCall);
                }
                return result;
            });
        }

        private Object connectionCall(Object connection, java.lang.reflect.Method method, Object[] args)
                throws Throwable {
            Object result = call(connection, method, args);
            if (result instanceof java.sql.Statement statement) {
                Class<?> type = result instanceof java.sql.PreparedStatement
                        ? java.sql.PreparedStatement.class
                        : java.sql.Statement.class;
                if (method.getName().startsWith("prepare")) {
                    statements.incrementAndGet();
                }
                return wrap(type, statement, (s, m, a) -> {
                    if (m.getName().startsWith("execute") && a != null && a.length > 0) {
                        statements.incrementAndGet();
                    }
                    return call(s, m, a);
                });
            }
            return result;
        }

        @SuppressWarnings("unchecked")
        private static <T> T wrap(Class<T> type, Object target, Handler handler) {
            return (T) Proxy.newProxyInstance(
                    StartContract.class.getClassLoader(), new Class<?>[] {type}, (InvocationHandler)
                            (proxy, method, args) -> handler.handle(target, method, args));
        }

        private static Object call(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private interface Handler {
            Object handle(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable;
        }
    }
}

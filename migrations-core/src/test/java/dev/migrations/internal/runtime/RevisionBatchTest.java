package dev.migrations.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.internal.script.Statement;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevisionBatchTest {

    private static boolean batchable(String... sqls) {
        return RevisionBatch.batchable(
                Arrays.stream(sqls).map(sql -> new Statement(sql, 1)).toList());
    }

    /** pgjdbc's message for a failed batch entry (its English text, as BatchResultHandler formats it). */
    private static BatchUpdateException aborted(String index, String sql, String error) {
        BatchUpdateException e = new BatchUpdateException(
                "Batch entry " + index + " " + sql + " was aborted: " + error
                        + "  Call getNextException to see other errors in the batch.",
                "42P01",
                0,
                new int[] {-3, -3, -3},
                null);
        e.setNextException(new SQLException(error, "42P01"));
        return e;
    }

    @Test
    void ddlDmlDoBlocksAndCallsAreBatchable() {
        assertThat(batchable(
                        "CREATE TABLE t (id INT)",
                        "create index ix_t on t (id)",
                        "ALTER TABLE t ADD COLUMN c TEXT",
                        "INSERT INTO t VALUES (1) RETURNING id",
                        "UPDATE t SET c = 'x'",
                        "DELETE FROM t WHERE id = 2",
                        "COMMENT ON TABLE t IS 'a; b'",
                        "GRANT SELECT ON t TO PUBLIC",
                        "DO $$ BEGIN PERFORM 1; END $$",
                        "CALL p(1)",
                        "SET LOCAL lock_timeout = '1s'",
                        "-- why\n/* and how */ DROP TABLE old",
                        "CREATE FUNCTION f() RETURNS INT LANGUAGE sql BEGIN ATOMIC SELECT 1; END"))
                .isTrue();
        assertThat(batchable()).isTrue();
    }

    @Test
    void queriesTransactionControlAndUnknownStatementsAreNot() {
        // A batched query is fetched one row: SELECT f(x) FROM t would call f once.
        for (String sql : List.of(
                "SELECT setval('s', 42)",
                "select note(g) from generate_series(1, 5) g",
                "WITH x AS (DELETE FROM t RETURNING id) SELECT count(*) FROM x",
                "VALUES (f(1)), (f(2))",
                "TABLE t",
                "(SELECT f(1))",
                "EXPLAIN ANALYZE SELECT 1",
                "COMMIT",
                "BEGIN",
                "SAVEPOINT a",
                "COPY t FROM STDIN",
                "{call f()}",
                "-- only a comment")) {
            assertThat(batchable("CREATE TABLE t (id INT)", sql)).as(sql).isFalse();
        }
    }

    @Test
    void failedEntryIsTheOneWhoseSqlFollowsItsIndex() {
        List<String> entries =
                List.of("CREATE TABLE a (id INT)", "CREATE TABLE a (id INT)", "INSERT INTO b VALUES (1)");

        assertThat(RevisionBatch.failedEntry(
                        aborted("1", entries.get(1), "ERROR: relation \"a\" already exists"), entries))
                .isEqualTo(1);
        assertThat(RevisionBatch.failedEntry(aborted("2", entries.get(2), "ERROR: no b"), entries))
                .isEqualTo(2);
        assertThat(RevisionBatch.failedEntry(aborted("0", entries.get(0), "ERROR: x"), entries))
                .isZero();
    }

    @Test
    void failedEntryIsFoundInTranslatedMessagesWithLocaleFormattedIndexes() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 1300; i++) {
            entries.add("INSERT INTO t VALUES (" + i + ")");
        }
        String sql = entries.get(1234);
        for (String index : List.of("1234", "1,234", "1.234", "1\u202f234", "1\u00a0234")) {
            BatchUpdateException german = new BatchUpdateException(
                    "Batch-Eintrag " + index + " " + sql + " wurde abgebrochen: FEHLER: x",
                    "23505",
                    0,
                    (int[]) null,
                    null);
            assertThat(RevisionBatch.failedEntry(german, entries)).as(index).isEqualTo(1234);
        }
        BatchUpdateException japanese = new BatchUpdateException(
                "バッチ 2 " + entries.get(2) + " はアボートしました: ERROR: x", "23505", 0, (int[]) null, null);
        assertThat(RevisionBatch.failedEntry(japanese, entries)).isEqualTo(2);
    }

    @Test
    void failedEntryIsUnknownWhenTheMessageDoesNotSayOrIsAmbiguous() {
        List<String> entries = List.of("CREATE TABLE a (id INT)", "INSERT INTO a VALUES (1)");

        // logServerErrorDetail=false
        assertThat(RevisionBatch.failedEntry(aborted("1", "<unknown>", "ERROR: x"), entries))
                .isEqualTo(-1);
        // An index that does not go with the SQL.
        assertThat(RevisionBatch.failedEntry(aborted("11", entries.get(1), "ERROR: x"), entries))
                .isEqualTo(-1);
        // Not a batch failure (e.g. the connection could not create the statement).
        assertThat(RevisionBatch.failedEntry(new SQLException("Batch entry 1 " + entries.get(1)), entries))
                .isEqualTo(-1);
        // Two entries each named after their own index.
        BatchUpdateException both = new BatchUpdateException(
                "Batch entry 0 " + entries.get(0) + " and 1 " + entries.get(1), "42P01", 0, (int[]) null, null);
        assertThat(RevisionBatch.failedEntry(both, entries)).isEqualTo(-1);
    }

    @Test
    void serverErrorIsTheExceptionPgjdbcChainsToTheBatchFailure() {
        BatchUpdateException e = aborted("0", "CREATE TABLE a (id INT)", "ERROR: boom");

        assertThat((Throwable) RevisionBatch.serverError(e)).isSameAs(e.getNextException());
        SQLException plain = new SQLException("x");
        assertThat((Throwable) RevisionBatch.serverError(plain)).isSameAs(plain);
    }
}

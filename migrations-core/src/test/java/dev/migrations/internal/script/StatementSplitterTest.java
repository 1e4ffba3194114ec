package dev.migrations.internal.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.migrations.ScriptException;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    private static final String PATH = "db/migrations/x.sql";

    private static List<String> sqls(String text) {
        return StatementSplitter.split(PATH, text, 1).stream()
                .map(Statement::sql)
                .toList();
    }

    private static void assertUnterminated(String text, int line, String... words) {
        assertThatThrownBy(() -> StatementSplitter.split(PATH, text, 1))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith(PATH + ":" + line + ": unterminated ")
                .hasMessageContainingAll(words)
                .asInstanceOf(InstanceOfAssertFactories.type(ScriptException.class))
                .satisfies(e -> assertThat(e.line()).isEqualTo(line))
                .satisfies(e -> assertThat(e.path()).isEqualTo(PATH));
    }

    @Test
    void splitsOnSemicolonsAndTrimsWithoutTheSemicolon() {
        assertThat(sqls("  CREATE TABLE a (id int) ;\n\nDROP TABLE b;\n"))
                .containsExactly("CREATE TABLE a (id int)", "DROP TABLE b");
    }

    @Test
    void lastStatementNeedsNoSemicolon() {
        assertThat(sqls("SELECT 1;\nSELECT 2\n")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void emptyStatementsAndCommentOnlyTextAreDropped() {
        assertThat(sqls(";;  ;\n-- only a comment;\n/* and ; this */ ;")).isEmpty();
        assertThat(sqls("")).isEmpty();
    }

    @Test
    void leadingCommentsAreStrippedButCommentsInsideAreKept() {
        assertThat(sqls("-- explain\n/* more */ SELECT 1 /* inside; */ + 2 -- tail; too\n;"))
                .containsExactly("SELECT 1 /* inside; */ + 2 -- tail; too");
    }

    @Test
    void semicolonInDoubledQuoteStringDoesNotSplit() {
        assertThat(sqls("SELECT 'it''s;'; SELECT 2")).containsExactly("SELECT 'it''s;'", "SELECT 2");
    }

    @Test
    void backslashDoesNotEscapeInStandardString() {
        assertThat(sqls("SELECT 'a\\'; SELECT 2")).containsExactly("SELECT 'a\\'", "SELECT 2");
    }

    @Test
    void backslashEscapesQuoteInExtendedString() {
        assertThat(sqls("SELECT E'\\';'; SELECT 2")).containsExactly("SELECT E'\\';'", "SELECT 2");
        assertThat(sqls("SELECT e'x\\';y'; SELECT 2")).containsExactly("SELECT e'x\\';y'", "SELECT 2");
    }

    @Test
    void escapedBackslashEndsExtendedStringAtNextQuote() {
        assertThat(sqls("SELECT E'\\\\'; SELECT ';'")).containsExactly("SELECT E'\\\\'", "SELECT ';'");
    }

    @Test
    void doubledQuoteInsideExtendedStringDoesNotEndIt() {
        assertThat(sqls("SELECT E'a'';b'; SELECT 2")).containsExactly("SELECT E'a'';b'", "SELECT 2");
    }

    @Test
    void identifierEndingInEBeforeQuoteIsNotAnExtendedString() {
        // "somee" is one identifier, so the quote starts a standard string where \ is literal.
        assertThat(sqls("SELECT somee'a\\'; SELECT 2")).containsExactly("SELECT somee'a\\'", "SELECT 2");
    }

    @Test
    void dollarsInsideExtendedStringDoNotOpenADollarQuote() {
        assertThat(sqls("SELECT E'$$'; SELECT '$$'; SELECT 3"))
                .containsExactly("SELECT E'$$'", "SELECT '$$'", "SELECT 3");
    }

    @Test
    void unicodeEscapeStringIsLikeAStandardString() {
        assertThat(sqls("SELECT U&'d\\0061t;''a'; SELECT U&\"a;b\"; SELECT 3"))
                .containsExactly("SELECT U&'d\\0061t;''a'", "SELECT U&\"a;b\"", "SELECT 3");
    }

    @Test
    void semicolonInQuotedIdentifierDoesNotSplit() {
        assertThat(sqls("CREATE TABLE \"weird;ident\" (\"a\"\"b;\" int); SELECT 2"))
                .containsExactly("CREATE TABLE \"weird;ident\" (\"a\"\"b;\" int)", "SELECT 2");
    }

    @Test
    void quoteInLineCommentDoesNotOpenAString() {
        assertThat(sqls("-- it's a comment\nSELECT 1;\nSELECT 2; -- don't\nSELECT 3;"))
                .containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
    }

    @Test
    void commentMarkersInsideStringsAreText() {
        assertThat(sqls("SELECT '/*'; SELECT '--'; SELECT 3"))
                .containsExactly("SELECT '/*'", "SELECT '--'", "SELECT 3");
    }

    @Test
    void nestedBlockCommentsHideSemicolons() {
        assertThat(sqls("/* outer /* inner; */ still; comment */ SELECT 1; SELECT 2"))
                .containsExactly("SELECT 1", "SELECT 2");
        assertThat(sqls("SELECT 1 /* a /* b */ c; */; SELECT 2"))
                .containsExactly("SELECT 1 /* a /* b */ c; */", "SELECT 2");
    }

    @Test
    void quotesInsideBlockCommentsAreIgnored() {
        assertThat(sqls("/* it's \"odd $$ */ SELECT 1; SELECT 2")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void dollarQuotedBodyWithSemicolonsIsOneStatement() {
        String function = """
                CREATE FUNCTION f() RETURNS int AS $$
                BEGIN
                  PERFORM 1; RETURN 'x;';
                END;
                $$ LANGUAGE plpgsql""";
        assertThat(sqls(function + ";\nSELECT f();")).containsExactly(function, "SELECT f()");
    }

    @Test
    void taggedDollarQuoteClosesOnlyAtItsOwnTag() {
        String sql = "DO $a$ BEGIN EXECUTE $b$ SELECT 1; $b$; PERFORM '$a'; END $a$";
        assertThat(sqls(sql + "; SELECT 2")).containsExactly(sql, "SELECT 2");
    }

    @Test
    void functionTagBodyMayContainPlainDollarQuotes() {
        String sql = """
                CREATE OR REPLACE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $function$
                BEGIN
                  EXECUTE $$UPDATE t SET a = ';'$$;
                  RETURN NEW;
                END
                $function$""";
        assertThat(sqls(sql + ";\nSELECT 1")).containsExactly(sql, "SELECT 1");
    }

    @Test
    void positionalParametersAreNotDollarQuotes() {
        assertThat(sqls("PREPARE p(int, int) AS SELECT $1 + $2; EXECUTE p(1, 2);"))
                .containsExactly("PREPARE p(int, int) AS SELECT $1 + $2", "EXECUTE p(1, 2)");
    }

    @Test
    void dollarsInsideIdentifiersAreNotDollarQuotes() {
        assertThat(sqls("SELECT a$b$ FROM t; SELECT x$$y; SELECT 3"))
                .containsExactly("SELECT a$b$ FROM t", "SELECT x$$y", "SELECT 3");
    }

    @Test
    void loneDollarIsAnOrdinaryCharacter() {
        assertThat(sqls("SELECT $a; SELECT 2")).containsExactly("SELECT $a", "SELECT 2");
    }

    @Test
    void sqlStandardFunctionBodyIsOneStatementAsInPsql() {
        String sql = """
                CREATE PROCEDURE ins(a int) LANGUAGE sql
                BEGIN ATOMIC
                  INSERT INTO t VALUES (a);
                  SELECT CASE WHEN a > 0 THEN 1 END;
                END""";
        assertThat(sqls(sql + ";\nSELECT 1;")).containsExactly(sql, "SELECT 1");
    }

    @Test
    void beginOutsideARoutineDefinitionDoesNotJoinStatements() {
        assertThat(sqls("BEGIN; SELECT 1; END;")).containsExactly("BEGIN", "SELECT 1", "END");
    }

    @Test
    void semicolonInsideParenthesesDoesNotSplitAsInPsql() {
        String rule = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))";
        assertThat(sqls(rule + "; SELECT 1")).containsExactly(rule, "SELECT 1");
    }

    @Test
    void eachStatementCarriesTheFileLineOfItsFirstToken() {
        String text = "\n-- comment\nSELECT 1;\n\n  /* c\n */ SELECT\n 2; SELECT 3;\r\nSELECT '\n'; SELECT 5";
        assertThat(StatementSplitter.split(PATH, text, 10))
                .containsExactly(
                        new Statement("SELECT 1", 12),
                        new Statement("SELECT\n 2", 15),
                        new Statement("SELECT 3", 16),
                        new Statement("SELECT '\n'", 17),
                        new Statement("SELECT 5", 18));
    }

    @Test
    void unterminatedStringNamesTheLineWhereItStarts() {
        assertUnterminated("SELECT 1;\nSELECT 'abc;\n\nSELECT 2;", 2, "single-quoted string", "close it with '");
        assertUnterminated("SELECT 'it''s", 1, "single-quoted string");
        assertUnterminated("SELECT 1;\n\nSELECT E'abc\\'", 3, "single-quoted string");
    }

    @Test
    void unterminatedQuotedIdentifierNamesTheLineWhereItStarts() {
        assertUnterminated("SELECT 1;\nSELECT \"abc;\nSELECT 2;", 2, "quoted identifier", "close it with \"");
    }

    @Test
    void unterminatedBlockCommentNamesTheLineOfTheOutermostOpener() {
        assertUnterminated("SELECT 1;\n/* a\n/* b */\nSELECT 2;", 2, "block comment", "*/");
    }

    @Test
    void unterminatedDollarQuoteNamesTheTagAndLine() {
        assertUnterminated("SELECT 1;\n\nDO $body$ BEGIN END $bod$;\n", 3, "dollar-quoted string $body$", "$body$");
        assertUnterminated("DO $$ BEGIN", 1, "dollar-quoted string $$");
    }

    @Test
    void unterminatedConstructsCountLinesFromFirstLine() {
        assertThatThrownBy(() -> StatementSplitter.split(PATH, "\n\n'", 40))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith(PATH + ":42: unterminated single-quoted string starting here");
    }

    @Test
    void largeInputSplitsInLinearTime() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            text.append("INSERT INTO t VALUES (").append(i).append(", 'a;b', $$x;y$$); -- c\n");
        }
        String big = text.toString();
        List<Statement> statements =
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> StatementSplitter.split(PATH, big, 1));
        assertThat(statements).hasSize(100_000);
        assertThat(statements.get(99_999))
                .isEqualTo(new Statement("INSERT INTO t VALUES (99999, 'a;b', $$x;y$$)", 100_000));
    }
}

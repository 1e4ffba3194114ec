package dev.migrations.internal.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.ScriptException;
import org.junit.jupiter.api.Test;

class SqlTokensTest {

    @Test
    void firstIsTheFirstTokenAfterCommentsAndWhitespace() {
        assertThat(SqlTokens.first("  -- why\n/* how /* nested */ */ select 1")).isEqualTo("select");
        assertThat(SqlTokens.first("(SELECT 1)")).isEqualTo("(");
        assertThat(SqlTokens.first("\"Weird\" x")).isEqualTo("\"Weird\"");
        assertThat(SqlTokens.first("-- nothing but a comment")).isEmpty();
        assertThat(SqlTokens.first("")).isEmpty();
    }

    @Test
    void firstReadsNoFurtherThanTheFirstToken() {
        assertThat(SqlTokens.first("INSERT INTO t VALUES ('never closed")).isEqualTo("INSERT");
        assertThat(SqlTokens.of("INSERT INTO t VALUES (1)")).startsWith("INSERT", "INTO");
        assertThatThrownBy(() -> SqlTokens.first("/* never closed")).isInstanceOf(ScriptException.class);
    }
}

package dev.migrations.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestPostgresTests {

    @Test
    void anotherDatabaseKeepsHostPortAndParameters() {
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://h:5/postgres?connectTimeout=3", "x"))
                .isEqualTo("jdbc:postgresql://h:5/x?connectTimeout=3");
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://h:5", "x")).isEqualTo("jdbc:postgresql://h:5/x");
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://h:5?ssl=true", "x"))
                .isEqualTo("jdbc:postgresql://h:5/x?ssl=true");
    }

    @Test
    void onlyPostgresUrls() {
        assertThatThrownBy(() -> new TestPostgres("jdbc:h2:mem:x", null, null, "the test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://");
    }
}

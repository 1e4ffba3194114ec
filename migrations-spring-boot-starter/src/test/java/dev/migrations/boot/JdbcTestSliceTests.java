package dev.migrations.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code @JdbcTest} (and so {@code @DataJpaTest}) slices migrate their test database. */
@JdbcTest
class JdbcTestSliceTests {

    @SpringBootConfiguration
    static class SliceApplication {}

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theSliceDatabaseIsMigrated() {
        assertThat(jdbc.queryForList("SELECT name FROM widgets", String.class)).containsExactly("sprocket");
    }
}

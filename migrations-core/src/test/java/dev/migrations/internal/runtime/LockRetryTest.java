package dev.migrations.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.MigrationsConfig;
import dev.migrations.MigrationsException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LockRetryTest {

    private static LockRetry retry(int retries, Duration delay) {
        return new LockRetry(MigrationsConfig.builder()
                .ddlLockRetries(retries)
                .ddlLockRetryDelay(delay)
                .build());
    }

    @Test
    void theDelayDoublesForEachRetryUpToAMinute() {
        LockRetry retry = retry(10, Duration.ofSeconds(5));
        assertThat(retry.delay(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(retry.delay(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.delay(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(retry.delay(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(retry.delay(10)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aFirstDelayAboveTheCapStaysAsGiven() {
        assertThat(retry(3, Duration.ofMinutes(3)).delay(3)).isEqualTo(Duration.ofMinutes(3));
        assertThat(retry(3, Duration.ZERO).delay(3)).isEqualTo(Duration.ZERO);
    }

    @Test
    void negativeRetriesAndDelaysAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> retry(-1, Duration.ofSeconds(1)))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("DDL lock retries must not be negative (was -1)");
        assertThatThrownBy(() -> retry(1, Duration.ofSeconds(-1)))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("DDL lock retry delay must not be negative");
    }
}

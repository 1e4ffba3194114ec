package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.fleet.FleetListener.Progress;
import dev.migrations.fleet.TenantOutcome;
import dev.migrations.fleet.TenantOutcome.State;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress a person follows during a fleet run: a line rewritten in place on a terminal, nothing elsewhere. */
class FleetProgressTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicLong now = new AtomicLong();

    private FleetProgress progress(boolean terminal) {
        return new FleetProgress(new PrintWriter(out), new PrintWriter(err), terminal, true, now::get);
    }

    private static TenantOutcome outcome(String tenant, State state, String error) {
        return new TenantOutcome(tenant, state, List.of(), List.of("r2"), 0, error, Duration.ofMillis(5));
    }

    private static Progress at(int done, int failed, long seconds) {
        return new Progress(10, done, failed, Duration.ofSeconds(seconds));
    }

    private void advance(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void onATerminalTheLineIsRewrittenInPlaceAtMostFourTimesASecondAndErasedAtTheEnd() {
        try (FleetProgress progress = progress(true)) {
            progress.tenantFinished(outcome("a1", State.MIGRATED, null), at(1, 0, 1));
            advance(100);
            progress.tenantFinished(outcome("a2", State.MIGRATED, null), at(2, 0, 1));
            advance(200);
            progress.tenantFinished(outcome("a3", State.MIGRATED, null), at(4, 0, 2));
        }

        assertThat(err.toString())
                .startsWith("\r1/10 done, 0 failed, 9 remaining, 1.0 tenants/s, ETA 9s")
                .doesNotContain("2/10 done")
                .contains("\r4/10 done, 0 failed, 6 remaining, 2.0 tenants/s, ETA 3s")
                .as("erased by the close")
                .endsWith("\r" + " ".repeat("4/10 done, 0 failed, 6 remaining, 2.0 tenants/s, ETA 3s".length()) + "\r");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aFailedTenantGetsItsLineOnStdoutOnACleanLineAndTheProgressComesBack() {
        try (FleetProgress progress = progress(true)) {
            progress.tenantFinished(outcome("a1", State.MIGRATED, null), at(1, 0, 1));
            advance(300);
            progress.tenantFinished(outcome("globex", State.FAILED, "Revision r2 failed"), at(2, 1, 1));
        }

        assertThat(out.toString()).isEqualTo("globex: FAILED: Revision r2 failed\n");
        String first = "1/10 done, 0 failed, 9 remaining, 1.0 tenants/s, ETA 9s";
        assertThat(err.toString())
                .startsWith("\r" + first + "\r" + " ".repeat(first.length()) + "\r")
                .contains("\r2/10 done, 1 failed, 8 remaining, 2.0 tenants/s, ETA 4s");
    }

    @Test
    void elsewhereNothingButTheTenantLinesIsPrinted() {
        try (FleetProgress progress = progress(false)) {
            progress.tenantFinished(outcome("a1", State.MIGRATED, null), at(1, 0, 1));
            advance(1000);
            progress.tenantFinished(outcome("globex", State.FAILED, "boom"), at(2, 1, 2));
            progress.tenantFinished(outcome("initech", State.PENDING, null), at(3, 1, 3));
        }

        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).isEqualTo("globex: FAILED: boom\ninitech: pending 1 revision(s): r2\n");
    }

    @Test
    void aTestRunsStderrIsNoTerminal() {
        // Surefire hands the test JVM a pipe for stderr, as CI does the CLI.
        assertThat(FleetProgress.stderrIsTerminal()).isFalse();
    }

    @Test
    void durationsReadAsAPersonReadsThem() {
        assertThat(FleetProgress.format(Duration.ofMillis(1))).isEqualTo("1s");
        assertThat(FleetProgress.format(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(FleetProgress.format(Duration.ofSeconds(185))).isEqualTo("3m05s");
        assertThat(FleetProgress.format(Duration.ofMinutes(62))).isEqualTo("1h02m");
    }
}

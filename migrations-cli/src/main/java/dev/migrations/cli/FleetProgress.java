package dev.migrations.cli;

import dev.migrations.fleet.FleetListener;
import dev.migrations.fleet.TenantOutcome;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What a person watching a fleet run sees while it runs: a line on stdout for each tenant worth one
 * as it finishes (failed, or left pending), and, when stderr is a terminal, a progress line on stderr
 * rewritten in place at most four times a second (done, failed, remaining, rate, ETA). Elsewhere (a
 * CI log, a file, a pipe) the progress line is left out: its carriage returns would only clutter the
 * log, and the summary at the end says it all.
 */
final class FleetProgress implements FleetListener, AutoCloseable {
    /** The least time between two progress lines: often enough to follow, rarely enough to read. */
    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private final boolean tenantLines;
    private final LongSupplier clock;
    private long lastDrawn;
    private boolean drawnOnce;
    private int drawnWidth;

    /**
     * A listener printing on these streams.
     *
     * @param terminal whether stderr is a terminal (the progress line is drawn only then)
     * @param tenantLines whether failed and pending tenants get their line as they finish
     * @param clock nanoseconds, for the rate limit
     */
    FleetProgress(PrintWriter out, PrintWriter err, boolean terminal, boolean tenantLines, LongSupplier clock) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.tenantLines = tenantLines;
        this.clock = clock;
    }

    @Override
    public synchronized void tenantFinished(TenantOutcome outcome, Progress progress) {
        String line = tenantLines ? line(outcome) : null;
        if (line != null) {
            erase();
            out.print(line + "\n");
            out.flush();
        }
        long now = clock.getAsLong();
        if (terminal && progress.remaining() > 0 && (!drawnOnce || now - lastDrawn >= INTERVAL_NANOS)) {
            draw(describe(progress));
            lastDrawn = now;
            drawnOnce = true;
        }
    }

    /** Takes the progress line away, so what follows starts on a clean line. */
    @Override
    public synchronized void close() {
        erase();
    }

    /** The line a tenant gets as it finishes, or null when its end is not worth one. */
    static String line(TenantOutcome outcome) {
        return switch (outcome.state()) {
            case FAILED -> failed(outcome);
            case PENDING ->
                outcome.tenant() + ": pending " + outcome.pending().size() + " revision(s): "
                        + String.join(", ", outcome.pending());
            default -> null;
        };
    }

    /** A failed tenant's line: its name and its error as a single run gives it. */
    static String failed(TenantOutcome outcome) {
        return outcome.tenant() + ": FAILED: " + outcome.error();
    }

    /** The progress line's text, e.g. {@code 120/1000 done, 2 failed, 880 remaining, 14.2 tenants/s, ETA 1m02s}. */
    static String describe(Progress progress) {
        String eta = progress.done() == 0 ? "?" : format(progress.eta());
        return String.format(
                Locale.ROOT,
                "%d/%d done, %d failed, %d remaining, %.1f tenants/s, ETA %s",
                progress.done(),
                progress.total(),
                progress.failed(),
                progress.remaining(),
                progress.rate(),
                eta);
    }

    /** A duration as a person reads it: {@code 42s}, {@code 3m05s}, {@code 1h02m}. */
    static String format(Duration duration) {
        long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    private void draw(String text) {
        int width = text.length();
        err.print("\r" + text + " ".repeat(Math.max(0, drawnWidth - width)));
        err.flush();
        drawnWidth = width;
    }

    private void erase() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    /**
     * Whether this process's stderr is a terminal. On Linux its file says so: {@code 2> run.log} must
     * stay free of carriage returns even when typed at a terminal. Elsewhere the console answers,
     * which is a terminal only when stdin and stdout are.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return consoleIsTerminal();
        }
    }

    // Before JDK 22 a console exists only on a terminal; from 22 on it always may, and says isTerminal().
    @SuppressWarnings("SystemConsoleNull")
    private static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}

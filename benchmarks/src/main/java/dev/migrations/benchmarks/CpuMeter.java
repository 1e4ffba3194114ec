package dev.migrations.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time over an interval, on both sides of the wire: this JVM's (every thread: the tool's, the
 * pool's, the JIT's and the collector's) and that of the PostgreSQL backends serving one database.
 * On a 2-CPU machine in a fleet both compete for the same cores, so the engine's share is part of
 * what limits the parallelism. The backends' CPU is read from {@code /proc/<pid>/stat}, so the
 * server must run on this machine; elsewhere it reads as 0.
 */
final class CpuMeter {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final PostgresServer server;
    private final double nanosPerTick;

    CpuMeter(PostgresServer server) {
        this.server = server;
        this.nanosPerTick = 1e9 / clockTicks();
    }

    /** The CPU used so far: this JVM's, and each client backend's of the database by pid, in ns. */
    record Sample(long jvm, Map<Integer, Long> backends) {}

    /** CPU used over an interval, in ms. */
    record Used(double jvmMs, double postgresMs) {}

    Sample sample(String db) throws SQLException {
        Map<Integer, Long> backends = new HashMap<>();
        // Client backends only: autovacuum workers and the server's own processes serve everyone on the
        // server (other databases too), not the run measured.
        try (Connection connection = server.connect(null);
                PreparedStatement ps = connection.prepareStatement("SELECT pid FROM pg_stat_activity"
                        + " WHERE datname = ? AND backend_type = 'client backend'")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int pid = rs.getInt(1);
                    backends.put(pid, processNanos(pid));
                }
            }
        }
        return new Sample(OS.getProcessCpuTime(), backends);
    }

    /**
     * The CPU used since {@code before}. A backend that started in between counts whole; one that
     * ended in between is missed, which is why the runs measured keep their pool's connections open.
     */
    Used since(Sample before, String db) throws SQLException {
        Sample after = sample(db);
        long postgres = 0;
        for (var entry : after.backends().entrySet()) {
            postgres += entry.getValue() - before.backends().getOrDefault(entry.getKey(), 0L);
        }
        return new Used((after.jvm() - before.jvm()) / 1e6, postgres / 1e6);
    }

    /** User plus system time of a process, in ns; 0 when it cannot be read. */
    private long processNanos(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"), StandardCharsets.UTF_8);
            // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Math.round(ticks * nanosPerTick);
        } catch (IOException | RuntimeException e) {
            // Gone already (the pid ended), or not on this machine.
            return 0;
        }
    }

    /** The kernel's clock ticks per second ({@code getconf CLK_TCK}; 100 on Linux as built almost always). */
    private static long clockTicks() {
        try {
            Process process = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}

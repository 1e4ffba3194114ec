package dev.migrations.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.slf4j.LoggerFactory;

/**
 * Runs one tool once in a fresh JVM (started by {@link ToolBenchmark}) and reports its heap: {@code
 * java -cp ... ToolProbe <TOOL> <workload root> <jdbc url> <user or ->}; the password, if any, comes
 * in {@code MIGRATIONS_BENCH_PASSWORD}.
 *
 * <p>Prints one line, {@value #PREFIX} followed by {@code ms=<run time> peakLive=<bytes>
 * peakUsed=<bytes>}: {@code peakLive} is the largest heap occupancy right after any garbage
 * collection during the run (the live set plus not yet collected old garbage; the parent runs the
 * JVM with a small young generation so collections are frequent), including one forced collection
 * at the end while the tool's objects are still reachable; {@code peakUsed} is the sum of the heap
 * pools' peak usage (garbage included), from {@link MemoryPoolMXBean#getPeakUsage()}.
 */
public final class ToolProbe {
    /** The result line's prefix. */
    static final String PREFIX = "TOOL-PROBE";

    private ToolProbe() {}

    public static void main(String[] args) throws Exception {
        // Every probe, the connect-only floor included, starts the logging back-end first: that cost is
        // the application's, not the migration tool's.
        LoggerFactory.getLogger(ToolProbe.class).debug("probe {}", args[0]);
        Tool.quietLiquibase();
        Tool tool = Tool.valueOf(args[0]);
        Workload workload = Workload.read(Path.of(args[1]));
        String user = args[3].equals("-") ? null : args[3];
        AtomicLong peakLive = new AtomicLong();
        listenToCollections(peakLive);
        long t0 = System.nanoTime();
        tool.run(workload, args[2], user, System.getenv("MIGRATIONS_BENCH_PASSWORD"));
        printResult(System.nanoTime() - t0, peakLive);
    }

    /**
     * Prints the result line after a run of {@code nanos}, with one forced collection first. The
     * tool's objects are gone by now except what it keeps in statics; the collections during the run
     * (young generation of a few MB) are what show its working set.
     */
    static void printResult(long nanos, AtomicLong peakLive) throws InterruptedException {
        System.gc();
        Thread.sleep(100); // collection notifications arrive on another thread
        long peakUsed = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakUsed += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(
                Locale.ROOT, "%s ms=%.1f peakLive=%d peakUsed=%d%n", PREFIX, nanos / 1e6, peakLive.get(), peakUsed);
    }

    /** Keeps in {@code peakLive} the largest heap occupancy after any collection from now on; resets the pools' peaks. */
    static void listenToCollections(AtomicLong peakLive) {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(
                        (notification, handback) -> {
                            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                    notification.getType())) {
                                return;
                            }
                            GarbageCollectionNotificationInfo info =
                                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                            long used = 0;
                            for (MemoryUsage usage :
                                    info.getGcInfo().getMemoryUsageAfterGc().values()) {
                                used += usage.getUsed();
                            }
                            long sample = used - nonHeap(info);
                            peakLive.accumulateAndGet(sample, Math::max);
                        },
                        null,
                        null);
            }
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** The non-heap pools (metaspace, code cache) also appear in the after-GC map; not heap. */
    private static long nonHeap(GarbageCollectionNotificationInfo info) {
        long result = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.NON_HEAP) {
                MemoryUsage usage = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                if (usage != null) {
                    result += usage.getUsed();
                }
            }
        }
        return result;
    }
}

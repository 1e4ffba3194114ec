package dev.migrations.reliability;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The start barrier of the concurrency test, as a main class: says it is ready (a file), waits for
 * the go file, then runs the real main class. The JVM's start-up cost is paid before the barrier,
 * so every process reaches the database at about the same moment.
 *
 * <p>Arguments: {@code <ready file> <go file> <main class> [args...]}.
 */
public final class AwaitStart {
    private AwaitStart() {}

    /** Runs the barrier, then the main class. */
    public static void main(String[] args) throws Exception {
        Path ready = Path.of(args[0]);
        Path go = Path.of(args[1]);
        Method main = Class.forName(args[2]).getMethod("main", String[].class);
        Files.writeString(ready, Long.toString(ProcessHandle.current().pid()));
        awaitFile(go);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 3, args.length));
    }

    /** Polls for a file every 2 ms (no watch service: it is slower to set up than the wait). */
    public static void awaitFile(Path go) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (!Files.exists(go)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No go file " + go + " after 10 minutes");
            }
            Thread.sleep(2);
        }
    }
}

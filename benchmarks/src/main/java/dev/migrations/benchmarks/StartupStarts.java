package dev.migrations.benchmarks;

import static dev.migrations.benchmarks.Samples.check;
import static dev.migrations.benchmarks.Samples.max;
import static dev.migrations.benchmarks.Samples.median;
import static dev.migrations.benchmarks.Samples.min;
import static dev.migrations.benchmarks.Samples.toArray;

import dev.migrations.benchmarks.startup.StartupProbe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The starts of {@link StartupBenchmark}: each variant's application started in a fresh JVM, what it
 * reported at {@code ApplicationReadyEvent} (see {@link StartupProbe}), and the tables of those
 * samples with each variant's overhead over the baseline's start of the same round, the goal's
 * verdict on the starter's overhead, and (on request) the slowest bean instantiations.
 */
final class StartupStarts {
    private static final long START_TIMEOUT_SECONDS = 300;
    private static final int OUTPUT_TAIL_LINES = 60;
    private static final int PROFILE_STARTS = 5;
    private static final int PROFILE_LINES = 12;

    /** One application to start: label, main class, its database, and what its context must hold. */
    record Variant(String label, Class<?> main, String database, List<String> arguments, String tools) {}

    /** One start: wall clock to the marker, and the JVM uptime and Spring ready time the app printed. */
    record Sample(
            double wallMs,
            double uptimeMs,
            double readyMs,
            double mainCpuMs,
            double processCpuMs,
            double classes,
            double mainWaitMs,
            Map<String, Double> threadCpuMs) {}

    private final String classpath;
    private final PostgresServer server;
    private final String user;
    private final String password;

    /** Starts applications on this classpath against databases of this server, as this user. */
    StartupStarts(String classpath, PostgresServer server, String user, String password) {
        this.classpath = classpath;
        this.server = server;
        this.user = user;
        this.password = password;
    }

    /** Starts the variant in a fresh JVM and waits for it to exit; checks the tools its context held. */
    Sample start(Variant variant, Map<String, List<Double>> profile) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String jvm = System.getProperty("startup.jvmArgs", "").strip();
        if (!jvm.isEmpty()) {
            command.addAll(List.of(jvm.split("\\s+")));
        }
        command.add("-cp");
        command.add(classpath);
        command.add(variant.main().getName());
        command.add("--spring.datasource.url=" + server.urlFor(variant.database()));
        if (user != null) {
            command.add("--spring.datasource.username=" + user);
        }
        command.add("--spring.main.banner-mode=off");
        command.add("--logging.level.root=WARN");
        command.addAll(variant.arguments());
        String extra = System.getProperty("startup.args", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        if (profile != null) {
            command.add("--bench.profile=true");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (password != null) {
            builder.environment().put("SPRING_DATASOURCE_PASSWORD", password); // not on the command line
        }
        Deque<String> tail = new ArrayDeque<>();
        Map<String, Double> threads = new TreeMap<>();
        String marker = null;
        String tools = null;
        long readyNanos = 0;
        long t0 = System.nanoTime();
        Process process = builder.start();
        // A start that hangs (a lock held elsewhere, say) is killed, which ends the read loop below.
        var unused = process.onExit()
                .orTimeout(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .exceptionally(timeout -> process.destroyForcibly());
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (marker == null && line.startsWith(StartupProbe.MARKER)) {
                    readyNanos = System.nanoTime();
                    marker = line;
                } else if (line.startsWith(StartupProbe.TOOLS)) {
                    tools = line.substring(StartupProbe.TOOLS.length()).strip();
                } else if (profile != null && line.startsWith(StartupProbe.PROFILE)) {
                    String[] bean = line.substring(StartupProbe.PROFILE.length())
                            .strip()
                            .split(" ");
                    profile.computeIfAbsent(bean[0], name -> new ArrayList<>()).add(Double.parseDouble(bean[1]));
                } else if (line.startsWith(StartupProbe.THREAD)) {
                    String[] thread =
                            line.substring(StartupProbe.THREAD.length()).strip().split(" ");
                    threads.merge(threadGroup(thread[0]), Double.parseDouble(thread[1]), Double::sum);
                } else {
                    tail.addLast(line);
                    if (tail.size() > OUTPUT_TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } finally {
            process.waitFor();
        }
        String output = "\n--- last output of " + variant.main().getSimpleName() + " ---\n" + String.join("\n", tail);
        check(
                marker != null && process.exitValue() == 0,
                variant.label() + " did not start (exit " + process.exitValue() + ")" + output);
        check(
                variant.tools().equals(tools),
                variant.label() + ": expected the context to hold " + variant.tools() + ", it held " + tools + output);
        return new Sample(
                (readyNanos - t0) / 1e6,
                field(marker, "uptime="),
                field(marker, "ready="),
                field(marker, " cpu="),
                field(marker, "processCpu="),
                field(marker, "classes="),
                field(marker, "mainWait="),
                threads);
    }

    /** A thread's group: its name without a trailing number ({@code C2_CompilerThre}, {@code GC_Thread#}). */
    private static String threadGroup(String name) {
        return name.replaceAll("\\d+$", "");
    }

    private static double field(String line, String key) {
        int at = line.indexOf(key) + key.length();
        int end = line.indexOf(' ', at);
        return Double.parseDouble(line.substring(at, end < 0 ? line.length() : end));
    }

    static void table(
            String title, List<Variant> variants, Sample[][] samples, java.util.function.ToDoubleFunction<Sample> f) {
        System.out.println(title + ", ms:");
        System.out.printf(
                Locale.ROOT,
                "  %-32s %8s %8s %8s %7s   %s%n",
                "variant",
                "median",
                "min",
                "max",
                "spread",
                "overhead = variant - baseline, per round: median (min..max)");
        for (int v = 0; v < variants.size(); v++) {
            double[] values = Arrays.stream(samples[v]).mapToDouble(f).toArray();
            double median = median(values);
            String overhead = "";
            if (v > 0) {
                double[] o = overheads(samples[v], samples[0], f);
                overhead = String.format(Locale.ROOT, "%8.1f (%.1f..%.1f)", median(o), min(o), max(o));
            }
            System.out.printf(
                    Locale.ROOT,
                    "  %-32s %8.1f %8.1f %8.1f %6.1f%%   %s%n",
                    variants.get(v).label(),
                    median,
                    min(values),
                    max(values),
                    100 * (max(values) - min(values)) / median,
                    overhead);
        }
    }

    /**
     * With {@code -Dstartup.jvmArgs=-Dbench.threads=true}: CPU time per thread group (threads of one
     * name, numbers dropped) where the groups differ from the baseline by a millisecond or more.
     */
    static void threadTables(List<Variant> variants, Sample[][] samples) {
        Set<String> groups = new TreeSet<>();
        for (Sample[] variant : samples) {
            for (Sample sample : variant) {
                groups.addAll(sample.threadCpuMs().keySet());
            }
        }
        for (String group : groups) {
            java.util.function.ToDoubleFunction<Sample> cpu =
                    sample -> sample.threadCpuMs().getOrDefault(group, 0.0);
            boolean differs = false;
            for (int v = 1; v < variants.size(); v++) {
                differs |= Math.abs(median(overheads(samples[v], samples[0], cpu))) >= 1;
            }
            if (differs) {
                table("CPU time of threads " + group + "* at ApplicationReadyEvent", variants, samples, cpu);
            }
        }
    }

    static double[] overheads(Sample[] variant, Sample[] baseline, java.util.function.ToDoubleFunction<Sample> f) {
        double[] result = new double[variant.length];
        for (int r = 0; r < variant.length; r++) {
            result[r] = f.applyAsDouble(variant[r]) - f.applyAsDouble(baseline[r]);
        }
        return result;
    }

    /**
     * Prints the tables of the rounds, the starter's overhead against Flyway's, and the goal's verdict,
     * which also counts the overheads of the rounds of the baseline and the starter alone.
     */
    static void report(List<Variant> variants, Sample[][] samples, double[] goalOverheads) {
        int rounds = samples[0].length;
        int goalRounds = goalOverheads.length;
        System.out.println();
        table("process start -> ApplicationReadyEvent marker (wall clock)", variants, samples, Sample::wallMs);
        table("JVM uptime at ApplicationReadyEvent", variants, samples, Sample::uptimeMs);
        table("Spring's application.ready.time", variants, samples, Sample::readyMs);
        table(
                "CPU time of the main thread at ApplicationReadyEvent (less sensitive to other load)",
                variants,
                samples,
                Sample::mainCpuMs);
        table(
                "CPU time of the whole process (all threads) at ApplicationReadyEvent",
                variants,
                samples,
                Sample::processCpuMs);
        if (samples[0][0].mainWaitMs() >= 0) {
            table(
                    "time the main thread waited for a CPU (runnable, not running) until ApplicationReadyEvent",
                    variants,
                    samples,
                    Sample::mainWaitMs);
        }
        table("classes loaded at ApplicationReadyEvent (a count, not ms)", variants, samples, Sample::classes);
        threadTables(variants, samples);
        double[] starter = overheads(samples[1], samples[0], Sample::wallMs);
        if (variants.size() > 2) {
            double[] flyway = overheads(samples[2], samples[0], Sample::wallMs);
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = starter[r] / flyway[r];
            }
            System.out.printf(
                    Locale.ROOT,
                    "%nstarter overhead / Flyway overhead (wall clock): %.2f (ratio of median overheads); per round:"
                            + " median %.2f, min %.2f, max %.2f%n",
                    median(starter) / median(flyway),
                    median(ratios),
                    min(ratios),
                    max(ratios));
        }
        double[] goal = Samples.concat(starter, goalOverheads);
        double[] interval = Samples.medianInterval90(goal);
        String parts = "";
        if (goalRounds > 0) {
            double[] own = Samples.medianInterval90(starter);
            double[] pairs = Samples.medianInterval90(goalOverheads);
            parts = String.format(
                    Locale.ROOT,
                    "; the %d rounds of all three alone %.1f ms (%.1f..%.1f), the %d of the baseline and the starter"
                            + " alone %.1f ms (%.1f..%.1f)",
                    rounds,
                    median(starter),
                    own[0],
                    own[1],
                    goalRounds,
                    median(goalOverheads),
                    pairs[0],
                    pairs[1]);
        }
        System.out.printf(
                Locale.ROOT,
                "goal: starter overhead at head under 50 ms: %s (median %.1f ms, 90%% bootstrap interval of the"
                        + " median %.1f..%.1f ms over %d rounds%s)%n",
                Samples.verdict(goal.length, interval[1] < 50, interval[0] >= 50),
                median(goal),
                interval[0],
                interval[1],
                goal.length,
                parts);
    }

    /**
     * Starts each variant a few more times with Spring's {@code BufferingApplicationStartup} and prints
     * its slowest bean instantiations, medians.
     */
    void profile(List<Variant> variants) throws IOException, InterruptedException {
        for (Variant variant : variants) {
            Map<String, List<Double>> beans = new LinkedHashMap<>();
            for (int i = 0; i < PROFILE_STARTS; i++) {
                start(variant, beans);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%nslowest bean instantiations, %s: median of %d starts, ms (a bean's time includes the"
                            + " beans it creates):%n",
                    variant.label(),
                    PROFILE_STARTS);
            beans.entrySet().stream()
                    .filter(bean -> bean.getValue().size() == PROFILE_STARTS)
                    .sorted(Comparator.comparingDouble(
                                    (Map.Entry<String, List<Double>> bean) -> median(toArray(bean.getValue())))
                            .reversed())
                    .limit(PROFILE_LINES)
                    .forEach(bean -> System.out.printf(
                            Locale.ROOT, "  %-72s %7.1f%n", bean.getKey(), median(toArray(bean.getValue()))));
        }
    }
}

package dev.migrations.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.metrics.StartupStep;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the three start-up benchmark applications share: an {@link ApplicationRunner} that opens a
 * connection ({@code SELECT 1} through a {@link JdbcTemplate}), so every variant pays the connect,
 * and a listener that prints a marker line when {@link ApplicationReadyEvent} fires, then the
 * migration tools found in the context, then the application exits.
 *
 * <p>The marker is {@value #MARKER} followed by {@code uptime=<JVM uptime ms> ready=<Spring's
 * application.ready.time ms> cpu=<CPU time of the main thread ms> processCpu=<CPU time of all threads ms>
 * classes=<classes loaded> mainWait=<ms the main thread waited for a CPU, -1 off Linux>}; with {@code -Dbench.threads=true} every live thread's CPU time follows (from
 * {@code /proc/self/task}, JVM threads included). With the argument {@code --bench.profile=true} the start is recorded
 * with a {@link BufferingApplicationStartup} and the slowest bean instantiations are printed after the
 * marker.
 */
@Configuration(proxyBeanMethods = false)
public class StartupProbe {
    /** The line an application prints when it is ready. */
    public static final String MARKER = "STARTUP-BENCHMARK-READY";
    /** The line after the marker naming the migration tools in the context. */
    public static final String TOOLS = "STARTUP-BENCHMARK-TOOLS";
    /** Profile lines (with {@code --bench.profile=true}): {@code <prefix> <bean name> <milliseconds>}. */
    public static final String PROFILE = "STARTUP-BENCHMARK-PROFILE";

    /** Thread lines (with {@code -Dbench.threads=true}): {@code <prefix> <thread name> <CPU ms>}. */
    public static final String THREAD = "STARTUP-BENCHMARK-THREAD";

    private static final String PROFILE_ARG = "--bench.profile=true";

    @Bean
    ApplicationRunner startupBenchmarkConnect(JdbcTemplate jdbc) {
        return args -> {
            Integer one = jdbc.queryForObject("SELECT 1", Integer.class);
            if (one == null || one != 1) {
                throw new IllegalStateException("SELECT 1 returned " + one);
            }
        };
    }

    /** Runs the application, prints the marker when it is ready and closes it. */
    public static void run(Class<?> application, String[] args) {
        SpringApplication app = new SpringApplication(application);
        BufferingApplicationStartup startup = null;
        if (Arrays.asList(args).contains(PROFILE_ARG)) {
            startup = new BufferingApplicationStartup(100_000);
            app.setApplicationStartup(startup);
        }
        app.addListeners(new ReadyListener(startup));
        app.run(args).close();
    }

    private static final class ReadyListener implements ApplicationListener<ApplicationReadyEvent> {
        private final BufferingApplicationStartup startup;

        ReadyListener(BufferingApplicationStartup startup) {
            this.startup = startup;
        }

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
            long ready =
                    event.getTimeTaken() == null ? -1 : event.getTimeTaken().toMillis();
            long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
            long processCpu = ProcessHandle.current()
                    .info()
                    .totalCpuDuration()
                    .map(java.time.Duration::toMillis)
                    .orElse(-1L);
            long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
            System.out.println(MARKER + " uptime=" + uptime + " ready=" + ready + " cpu=" + cpu + " processCpu="
                    + processCpu + " classes=" + classes + " mainWait=" + runQueueWaitMillis());
            System.out.flush();
            ConfigurableApplicationContext context = event.getApplicationContext();
            System.out.println(TOOLS + " migrations="
                    + count(context, "dev.migrations.Migrations")
                    + "/" + count(context, "dev.migrations.boot.MigrationsInitializer")
                    + " flyway=" + count(context, "org.flywaydb.core.Flyway")
                    + "/" + count(context, "org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer"));
            if (startup != null) {
                printProfile(startup.getBufferedTimeline());
            }
            if (Boolean.getBoolean("bench.threads")) {
                printThreads();
            }
            System.out.flush();
        }

        /**
         * How long this thread has waited for a CPU while runnable (Linux {@code /proc/thread-self/schedstat},
         * second field), in ms; -1 where that is not available.
         */
        private static long runQueueWaitMillis() {
            try {
                String sched = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/schedstat"))
                        .strip();
                return Long.parseLong(sched.split(" ")[1]) / 1_000_000;
            } catch (java.io.IOException | RuntimeException e) {
                return -1;
            }
        }

        /** Beans of the type (a class that may be absent), including non-singletons, without initializing. */
        private static int count(ConfigurableApplicationContext context, String type) {
            try {
                Class<?> cls = Class.forName(type, false, context.getClassLoader());
                return context.getBeanNamesForType(cls, true, false).length;
            } catch (ClassNotFoundException e) {
                return 0;
            }
        }

        /** Every thread of the process (JVM threads included) and its CPU time so far, from /proc. */
        private static void printThreads() {
            java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
            if (tasks == null) {
                return;
            }
            for (java.io.File task : tasks) {
                try {
                    String name = java.nio.file.Files.readString(task.toPath().resolve("comm"))
                            .strip();
                    String sched = java.nio.file.Files.readString(task.toPath().resolve("schedstat"))
                            .strip();
                    long ns = Long.parseLong(sched.split(" ")[0]);
                    System.out.println(
                            String.format(Locale.ROOT, "%s %s %.3f", THREAD, name.replace(' ', '_'), ns / 1e6));
                } catch (java.io.IOException | RuntimeException e) {
                    // a thread that ended meanwhile
                }
            }
        }

        /** The 40 slowest bean instantiations (a bean's time includes the beans it created). */
        private static void printProfile(StartupTimeline timeline) {
            List<StartupTimeline.TimelineEvent> beans = timeline.getEvents().stream()
                    .filter(e -> e.getStartupStep().getName().equals("spring.beans.instantiate"))
                    .sorted(Comparator.comparing(StartupTimeline.TimelineEvent::getDuration)
                            .reversed())
                    .limit(40)
                    .toList();
            for (StartupTimeline.TimelineEvent event : beans) {
                String name = "?";
                for (StartupStep.Tag tag : event.getStartupStep().getTags()) {
                    if (tag.getKey().equals("beanName")) {
                        name = tag.getValue();
                    }
                }
                System.out.println(String.format(
                        Locale.ROOT,
                        "%s %s %.3f",
                        PROFILE,
                        name.replace(' ', '_'),
                        event.getDuration().toNanos() / 1e6));
            }
        }
    }
}

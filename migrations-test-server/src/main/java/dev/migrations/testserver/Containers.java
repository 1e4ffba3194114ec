package dev.migrations.testserver;

/**
 * The Testcontainers fallback. Testcontainers is an optional dependency: its classes are touched only
 * from {@link Started}, after checking they are on the class path.
 */
final class Containers {
    private static final String DOCKER_CLIENT = "org.testcontainers.DockerClientFactory";

    private Containers() {}

    /** Null when a container can be started, else why not. */
    static String dockerProblem() {
        try {
            Class.forName(DOCKER_CLIENT, false, Containers.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return "not on the test class path (add org.testcontainers:testcontainers-postgresql)";
        }
        try {
            return Probe.dockerAvailable() ? null : "Docker is not available";
        } catch (RuntimeException e) {
            return "Docker could not be reached: " + e;
        }
    }

    /** A server in a new container (one per JVM; Testcontainers' reaper removes it). */
    static TestPostgres server() {
        return Started.SERVER;
    }

    /** Asks Testcontainers about Docker; loaded only after checking Testcontainers is there. */
    private static final class Probe {
        private Probe() {}

        static boolean dockerAvailable() {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        }
    }

    /**
     * Holds the container; the JVM loads it (and starts the container) only when it is needed, so not
     * when {@link #dockerProblem()} only asks.
     */
    private static final class Started {
        static final TestPostgres SERVER = startContainer();

        private Started() {}

        @SuppressWarnings("resource") // stays up for the JVM; Testcontainers' reaper removes it
        private static TestPostgres startContainer() {
            org.testcontainers.postgresql.PostgreSQLContainer container =
                    new org.testcontainers.postgresql.PostgreSQLContainer(
                            org.testcontainers.utility.DockerImageName.parse("postgres:15-alpine"));
            container.start();
            return new TestPostgres(
                    container.getJdbcUrl(), container.getUsername(), container.getPassword(), "Testcontainers");
        }
    }
}

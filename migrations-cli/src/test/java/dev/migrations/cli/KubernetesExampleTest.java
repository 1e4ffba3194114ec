package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.fleet.FleetOptions;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;

/**
 * The Kubernetes example of docs/kubernetes: the Indexed Job's pods run commands this CLI accepts,
 * its shards cover the fleet once (one per index, {@code I/N} with N the Job's completions), and the
 * application's Deployment waits for the same tenants the Job migrates.
 */
class KubernetesExampleTest {
    private static final Path EXAMPLE = Path.of("../docs/kubernetes");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(EXAMPLE.resolve(file))) {
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            assertThat(current).as("%s in the manifest", key).isInstanceOf(Map.class);
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        return list == null ? List.of() : (List<Map<String, Object>>) list;
    }

    /** The init containers, then the containers, of a pod template. */
    private static List<Map<String, Object>> containers(Map<String, Object> manifest) {
        List<Map<String, Object>> all = new ArrayList<>();
        all.addAll(maps(at(manifest, "spec", "template", "spec", "initContainers")));
        all.addAll(maps(at(manifest, "spec", "template", "spec", "containers")));
        return all;
    }

    @Test
    void theIndexedJobRunsOneShardPerIndexWithCommandsTheCliAccepts() throws IOException {
        Map<String, Object> job = load("migrate-tenants-job.yaml");
        assertThat(at(job, "kind").toString()).isEqualTo("Job");
        assertThat(at(job, "spec", "completionMode").toString()).isEqualTo("Indexed");
        int completions = (Integer) at(job, "spec", "completions");
        assertThat(completions).isGreaterThan(1);
        assertThat(at(job, "spec", "template", "spec", "securityContext", "runAsNonRoot")
                        .toString())
                .isEqualTo("true");

        List<FleetOptions.Shard> shards = new ArrayList<>();
        for (int index = 0; index < completions; index++) {
            for (Map<String, Object> container : containers(job)) {
                List<String> args = new ArrayList<>();
                for (Object arg : (List<?>) container.get("args")) {
                    // What Kubernetes does with $(VAR) in args: the pod's index is in JOB_COMPLETION_INDEX.
                    args.add(arg.toString().replace("$(JOB_COMPLETION_INDEX)", String.valueOf(index)));
                }
                String[] array = args.toArray(String[]::new);
                CommandLine.ParseResult parsed = Subcommands.commandLine(new MigrationsCommand(Map.of()), array)
                        .parseArgs(array);
                assertThat(parsed.hasSubcommand())
                        .as("%s runs a command", container.get("name"))
                        .isTrue();
                String shard = parsed.subcommand().matchedOptionValue("--shard", null);
                if (shard != null) {
                    shards.add(FleetOptions.Shard.parse(shard));
                }
                assertThat(at(container, "image").toString()).isEqualTo(jobImage(job));
                assertThat(secretNames(container)).containsExactly("orders-migrations-db");
            }
        }
        List<FleetOptions.Shard> expected = new ArrayList<>();
        for (int index = 0; index < completions; index++) {
            expected.add(new FleetOptions.Shard(index, completions));
        }
        assertThat(shards).as("one shard of %d per index", completions).isEqualTo(expected);
    }

    @Test
    void theDeploymentWaitsForTheTenantsTheJobMigrates() throws IOException {
        Map<String, Object> job = load("migrate-tenants-job.yaml");
        Map<String, Object> deployment = load("app-deployment.yaml");
        assertThat(at(deployment, "kind").toString()).isEqualTo("Deployment");
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> variable : maps(containers(deployment).get(0).get("env"))) {
            env.put(variable.get("name").toString(), String.valueOf(variable.get("value")));
        }
        assertThat(env).containsEntry("MIGRATIONS_MODE", "wait");

        List<String> tenantArgs = new ArrayList<>();
        for (Object arg : (List<?>) containers(job).get(1).get("args")) {
            tenantArgs.add(arg.toString());
        }
        String jobQuery = tenantArgs.get(tenantArgs.indexOf("--tenants-query") + 1);
        assertThat(env.get("MIGRATIONS_TENANTS_QUERY"))
                .as("the tenants the application waits for")
                .isEqualTo(jobQuery);
        String jobLocation = tenantArgs.get(tenantArgs.indexOf("--location") + 1);
        assertThat(jobLocation).endsWith(env.get("MIGRATIONS_TENANTS_LOCATIONS").replace("classpath:", "/"));
    }

    private static String jobImage(Map<String, Object> job) {
        return at(containers(job).get(0), "image").toString();
    }

    private static List<String> secretNames(Map<String, Object> container) {
        List<String> names = new ArrayList<>();
        for (Object from : (List<?>) container.get("envFrom")) {
            names.add(at(from, "secretRef", "name").toString());
        }
        return names;
    }
}

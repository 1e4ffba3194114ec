package dev.migrations.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.StartMode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The application's Deployment in docs/kubernetes sets the starter by environment variables: bound
 * as Spring Boot binds them, they ask for {@code mode=wait} over the tenants and name the health
 * components the starter really registers.
 */
class KubernetesDeploymentExampleTests {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment() throws IOException {
        Map<String, Object> deployment;
        try (Reader reader = Files.newBufferedReader(Path.of("../docs/kubernetes/app-deployment.yaml"))) {
            deployment = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) deployment.get("spec")).get("template");
        List<Map<String, Object>> containers =
                (List<Map<String, Object>>) ((Map<String, Object>) pod.get("spec")).get("containers");
        Map<String, Object> env = new LinkedHashMap<>();
        for (Map<String, Object> variable :
                (List<Map<String, Object>>) containers.get(0).get("env")) {
            env.put(variable.get("name").toString(), String.valueOf(variable.get("value")));
        }
        return env;
    }

    @Test
    void theDeploymentsVariablesBindToAWaitOverTheTenants() throws IOException {
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment())));

        MigrationsProperties migrations =
                binder.bind("migrations", MigrationsProperties.class).get();
        assertThat(migrations.getMode()).isEqualTo(StartMode.WAIT);
        assertThat(migrations.getWaitTimeout()).isEqualTo(Duration.ofMinutes(15));
        MigrationsTenantsProperties tenants = binder.bind("migrations.tenants", MigrationsTenantsProperties.class)
                .get();
        assertThat(tenants.isConfigured()).isTrue();
        assertThat(tenants.getLocations()).containsExactly("classpath:db/tenants");
        assertThat(tenants.getParallelism()).isEqualTo(4);
        // The names the health endpoint gives the starter's contributor beans (their names less the suffix).
        assertThat(binder.bind("management.endpoint.health.group.readiness.include", String[].class)
                        .get())
                .contains("migrations", "migrationsTenants");
    }
}

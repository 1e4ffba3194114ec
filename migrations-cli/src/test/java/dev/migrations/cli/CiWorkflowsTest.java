package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The review workflows of {@code docs/ci/} are YAML their CI reads, and every command line in them
 * that runs the CLI parses with the CLI's parser (so a renamed option breaks this test, not a user's
 * pipeline).
 */
class CiWorkflowsTest {
    static final Path GITHUB = DocumentedCommandsTest.ROOT.resolve("docs/ci/github-pull-request.yml");
    static final Path GITLAB = DocumentedCommandsTest.ROOT.resolve("docs/ci/gitlab-merge-request.yml");

    /** A CLI run inside a shell line: at its start or after a blank, {@code ;} or {@code (}. */
    private static final Pattern RUN = Pattern.compile("(?:^|[\\s;(])(?:bin/)?migrations (.+)$");

    @Test
    void everyCliCommandLineParses() throws IOException {
        for (Path workflow : List.of(GITHUB, GITLAB)) {
            List<String> commands = commands(load(workflow));
            assertThat(commands)
                    .as("CLI command lines in %s", workflow)
                    .hasSizeGreaterThanOrEqualTo(8)
                    .anyMatch(c -> c.startsWith("lint --pending --format sarif"))
                    .anyMatch(c -> c.startsWith("graph -r current:heads"))
                    .anyMatch(c -> c.matches("upgrade \"\\$from:heads\" --sql.*"))
                    .anyMatch(c -> c.equals("check"));
            List<String> failures = new ArrayList<>();
            for (String command : commands) {
                String problem = DocumentedCommandsTest.parseProblem(DocumentedCommandsTest.args(command));
                if (problem != null) {
                    failures.add(command + "\n    " + problem);
                }
            }
            assertThat(failures)
                    .as("command lines in %s the CLI refuses", workflow)
                    .isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void gitHubRunsOnPullRequestsWithPostgresUploadsSarifAndComments() throws IOException {
        Map<Object, Object> workflow = (Map<Object, Object>) load(GITHUB);
        // SnakeYAML reads the key 'on' as YAML 1.1's true.
        Object on = workflow.containsKey("on") ? workflow.get("on") : workflow.get(true);
        assertThat((Map<String, Object>) on).containsKey("pull_request");
        Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) workflow.get("jobs")).get("review");
        assertThat((Map<String, Object>) job.get("services")).containsKey("postgres");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) job.get("steps");
        assertThat(steps).anyMatch(s -> String.valueOf(s.get("uses")).startsWith("github/codeql-action/upload-sarif"));
        assertThat(strings(workflow))
                .anyMatch(s -> s.contains("git diff --name-only \"origin/$BASE_REF...HEAD\" -- db/migrations"))
                .anyMatch(s -> s.contains("gh pr comment") && s.contains("```mermaid"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void gitLabRunsOnMergeRequestsWithPostgresAndPostsANote() throws IOException {
        Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) load(GITLAB)).get("migrations-review");
        assertThat(String.valueOf(job.get("rules"))).contains("merge_request_event");
        assertThat(String.valueOf(job.get("services"))).contains("postgres");
        assertThat(String.valueOf(((Map<String, Object>) job.get("artifacts")).get("paths")))
                .contains("lint.sarif");
        assertThat(strings(job))
                .anyMatch(s -> s.contains("git diff --name-only \"origin/$BASE_REF...HEAD\" -- db/migrations"))
                .anyMatch(s -> s.contains("/merge_requests/$CI_MERGE_REQUEST_IID/notes"));
    }

    private static Object load(Path workflow) throws IOException {
        try (Reader reader = Files.newBufferedReader(workflow, StandardCharsets.UTF_8)) {
            return new Yaml().load(reader);
        }
    }

    /** The arguments of every CLI run in the workflow's shell ({@code run} and {@code script}), line by line. */
    static List<String> commands(Object yaml) {
        List<String> commands = new ArrayList<>();
        for (String value : shell(yaml)) {
            for (String line : value.lines().toList()) {
                Matcher matcher = RUN.matcher(line.strip());
                if (matcher.find()) {
                    commands.add(matcher.group(1).strip());
                }
            }
        }
        return commands;
    }

    private static List<String> shell(Object yaml) {
        List<String> strings = new ArrayList<>();
        if (yaml instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if ("run".equals(entry.getKey()) || "script".equals(entry.getKey())) {
                    collect(entry.getValue(), strings);
                } else {
                    strings.addAll(shell(entry.getValue()));
                }
            }
        } else if (yaml instanceof List<?> list) {
            list.forEach(v -> strings.addAll(shell(v)));
        }
        return strings;
    }

    private static List<String> strings(Object yaml) {
        List<String> strings = new ArrayList<>();
        collect(yaml, strings);
        return strings;
    }

    private static void collect(Object yaml, List<String> strings) {
        if (yaml instanceof String s) {
            strings.add(s);
        } else if (yaml instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, strings));
        } else if (yaml instanceof List<?> list) {
            list.forEach(v -> collect(v, strings));
        }
    }
}

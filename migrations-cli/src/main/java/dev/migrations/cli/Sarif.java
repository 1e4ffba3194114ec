package dev.migrations.cli;

import dev.migrations.Finding;
import dev.migrations.LintReport;
import dev.migrations.LintRule;
import dev.migrations.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code lint --format sarif}: the report as a SARIF 2.1.0 log, which GitHub code scanning and
 * GitLab show as annotations on a pull request's lines. One run, every rule with its why and instead
 * as help, one result per finding. Written by hand like the other JSON of the CLI: the subset is
 * small, a model library (java-sarif, last released in 2021) would bring Jackson into every start
 * of the CLI, and the tests validate the output against the official schema.
 */
final class Sarif {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    /** The base id of relative URIs: the repository (or directory) the scripts were found in. */
    static final String SRCROOT = "SRCROOT";

    private Sarif() {}

    /**
     * The log (no trailing newline).
     *
     * @param version the CLI's version, or null in a development build
     */
    static String log(LintReport report, String version) {
        List<Finding> findings = report.findings();
        Path root = findings.isEmpty()
                ? null
                : root(Path.of(AlembicFormat.displayPath(findings.get(0).path())));
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"$schema\": ").append(Json.quote(SCHEMA)).append(",\n");
        out.append("  \"version\": \"2.1.0\",\n");
        out.append("  \"runs\": [\n    {\n");
        out.append("      \"tool\": {\n        \"driver\": {\n");
        out.append("          \"name\": \"migrations lint\",\n");
        if (version != null) {
            out.append("          \"version\": ").append(Json.quote(version)).append(",\n");
        }
        out.append("          \"rules\": [");
        LintRule[] rules = LintRule.values();
        for (int i = 0; i < rules.length; i++) {
            out.append(i == 0 ? "\n" : ",\n");
            rule(out, rules[i]);
        }
        out.append("\n          ]\n        }\n      },\n");
        if (root != null) {
            out.append("      \"originalUriBaseIds\": {")
                    .append(Json.quote(SRCROOT))
                    .append(": {\"uri\": ")
                    .append(Json.quote(directoryUri(root)))
                    .append("}},\n");
        }
        out.append("      \"results\": [");
        for (int i = 0; i < findings.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n");
            result(out, findings.get(i), root);
        }
        out.append(findings.isEmpty() ? "]\n" : "\n      ]\n");
        return out.append("    }\n  ]\n}").toString();
    }

    /** SARIF's levels: {@code info} is a {@code note}. */
    static String level(Severity severity) {
        return severity == Severity.INFO ? "note" : severity.label();
    }

    private static void rule(StringBuilder out, LintRule rule) {
        String indent = "            ";
        out.append(indent).append("{\n");
        out.append(indent).append("  \"id\": ").append(Json.quote(rule.id())).append(",\n");
        out.append(indent).append("  \"shortDescription\": {\"text\": ");
        out.append(Json.quote(title(rule.id()))).append("},\n");
        out.append(indent).append("  \"fullDescription\": {\"text\": ");
        out.append(Json.quote(rule.why())).append("},\n");
        out.append(indent).append("  \"help\": {\"text\": ");
        out.append(Json.quote("Why: " + rule.why() + "\nInstead: " + rule.instead()));
        out.append(", \"markdown\": ");
        out.append(Json.quote("**Why.** " + rule.why() + "\n\n**Instead.** " + rule.instead()));
        out.append("},\n");
        out.append(indent).append("  \"defaultConfiguration\": {\"level\": ");
        out.append(Json.quote(level(rule.defaultSeverity()))).append("}\n");
        out.append(indent).append('}');
    }

    private static void result(StringBuilder out, Finding f, Path root) {
        String indent = "        ";
        LintRule rule = LintRule.find(f.rule());
        out.append(indent).append("{\n");
        out.append(indent).append("  \"ruleId\": ").append(Json.quote(f.rule())).append(",\n");
        if (rule != null) {
            out.append(indent)
                    .append("  \"ruleIndex\": ")
                    .append(List.of(LintRule.values()).indexOf(rule))
                    .append(",\n");
        }
        out.append(indent)
                .append("  \"level\": ")
                .append(Json.quote(level(f.severity())))
                .append(",\n");
        String statement = f.statement().isEmpty() ? "" : "\n" + f.statement();
        out.append(indent).append("  \"message\": {\"text\": ");
        out.append(Json.quote(f.message() + statement + "\nInstead: " + f.instead()))
                .append("},\n");
        out.append(indent).append("  \"locations\": [{\"physicalLocation\": {\"artifactLocation\": ");
        artifact(out, f.path(), root);
        out.append(", \"region\": {\"startLine\": ")
                .append(Math.max(1, f.line()))
                .append("}}}],\n");
        out.append(indent).append("  \"properties\": {\"revision\": ").append(Json.quote(f.revision()));
        out.append("}\n").append(indent).append('}');
    }

    /** The script relative to the root when it lies below it, else as it is known. */
    private static void artifact(StringBuilder out, String path, Path root) {
        String shown = AlembicFormat.displayPath(path);
        Path file = asPath(shown);
        if (root != null && file != null && file.startsWith(root)) {
            out.append("{\"uri\": ").append(Json.quote(relativeUri(root.relativize(file))));
            out.append(", \"uriBaseId\": ").append(Json.quote(SRCROOT)).append('}');
        } else if (file != null && file.isAbsolute()) {
            out.append("{\"uri\": ").append(Json.quote(file.toUri().toString())).append('}');
        } else {
            out.append("{\"uri\": ").append(Json.quote(relativeUri(shown))).append('}');
        }
    }

    /**
     * Where relative URIs start: the nearest directory above the script that holds {@code .git} (a
     * directory, or a file in a worktree), so code scanning finds the file in the checkout; without
     * one, the working directory.
     */
    static Path root(Path script) {
        Path file = script.toAbsolutePath().normalize();
        for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    private static Path asPath(String shown) {
        if (shown.startsWith("classpath:")) {
            return null;
        }
        try {
            return Path.of(shown).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static String relativeUri(Path relative) {
        StringBuilder joined = new StringBuilder();
        for (Path part : relative) {
            joined.append(joined.length() == 0 ? "" : "/").append(part);
        }
        return relativeUri(joined.toString());
    }

    /** A URI reference for a relative path: spaces and other characters a URI cannot hold escaped. */
    private static String relativeUri(String path) {
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + path, e);
        }
    }

    private static String directoryUri(Path dir) {
        String uri = dir.toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /** A rule's title for lists of rules: its id in words, {@code Create index not concurrently}. */
    static String title(String id) {
        String words = id.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}

package dev.migrations.cli;

import dev.migrations.MigrationsException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few settings the command line takes from a Spring Boot {@code application.properties} or
 * {@code application.yml}: {@code spring.datasource.*} and {@code migrations.*}.
 *
 * <p>Keys match the way Spring's relaxed binding does for the common spellings ({@code
 * version-table}, {@code versionTable}, {@code version_table}); list items ({@code locations[0]}
 * or a YAML list) are joined with commas; {@code ${NAME}} and {@code ${NAME:default}}
 * placeholders resolve against the environment, then the file itself. YAML support is a small
 * subset: nested maps, scalars, lists, comments, the first document only.
 */
final class ConfigFile {
    private static final Pattern INDEXED = Pattern.compile("(.*)\\[(\\d+)]");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    private final Path path;
    private final Map<String, String> values;

    private ConfigFile(Path path, Map<String, String> values) {
        this.path = path;
        this.values = values;
    }

    /** Reads a {@code .properties}, {@code .yml} or {@code .yaml} file. */
    static ConfigFile read(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(path)) {
            throw new MigrationsException("Config file " + path.toAbsolutePath().normalize()
                    + " does not exist or is not a file; fix --config");
        }
        Map<String, String> raw;
        try {
            if (name.endsWith(".properties")) {
                raw = readProperties(path);
            } else if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                raw = YamlSubset.parse(path, Files.readAllLines(path, StandardCharsets.UTF_8));
            } else {
                throw new MigrationsException(
                        "Config file " + path + " is neither .properties nor .yml/.yaml; give a Spring Boot"
                                + " application.properties or application.yml");
            }
        } catch (IOException e) {
            throw new MigrationsException("Config file " + path + " cannot be read: " + e.getMessage(), e);
        }
        return new ConfigFile(path, normalize(raw));
    }

    private static Map<String, String> readProperties(Path path) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> raw = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            raw.put(key, properties.getProperty(key));
        }
        return raw;
    }

    /** Folds relaxed spellings together and joins indexed list items in index order. */
    private static Map<String, String> normalize(Map<String, String> raw) {
        Map<String, String> result = new HashMap<>();
        Map<String, TreeMap<Integer, String>> lists = new HashMap<>();
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            Matcher indexed = INDEXED.matcher(entry.getKey());
            if (indexed.matches()) {
                lists.computeIfAbsent(key(indexed.group(1)), k -> new TreeMap<>())
                        .put(Integer.parseInt(indexed.group(2)), entry.getValue());
            } else {
                result.put(key(entry.getKey()), entry.getValue());
            }
        }
        lists.forEach((key, items) -> result.put(key, String.join(",", items.values())));
        return result;
    }

    private static String key(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The file's path, for messages. */
    Path path() {
        return path;
    }

    /**
     * A value with its placeholders resolved.
     *
     * @param key the canonical key, e.g. {@code migrations.version-table}
     * @param env the environment placeholders resolve against first
     */
    Optional<String> get(String key, Map<String, String> env) {
        String value = values.get(key(key));
        return value == null ? Optional.empty() : Optional.of(resolve(key, value, env, 0));
    }

    /** A comma-separated list value, items trimmed, empty items dropped. */
    Optional<List<String>> getList(String key, Map<String, String> env) {
        return get(key, env).map(value -> {
            List<String> items = new ArrayList<>();
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
            return items;
        });
    }

    private String resolve(String key, String value, Map<String, String> env, int depth) {
        if (depth > 10) {
            throw new MigrationsException(
                    "Config file " + path + ": placeholders in '" + key + "' refer to each other in a loop");
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).strip();
            String replacement = env.get(name);
            if (replacement == null) {
                replacement = env.get(name.toUpperCase(Locale.ROOT)
                        .replace('.', '_')
                        .replace("-", "")
                        .replace("[", "_")
                        .replace("]", ""));
            }
            if (replacement == null && values.containsKey(key(name))) {
                replacement = resolve(name, values.get(key(name)), env, depth + 1);
            }
            if (replacement == null) {
                replacement = m.group(2);
            }
            if (replacement == null) {
                throw new MigrationsException("Config file " + path + ": '" + key + "' uses ${" + name
                        + "}, which is neither an environment variable nor a key of the file; set it or give"
                        + " a default as ${" + name + ":value}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}

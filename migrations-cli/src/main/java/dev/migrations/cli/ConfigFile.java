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
 * placeholders resolve against the environment, then the file itself.
 *
 * <p>A YAML file is read with SnakeYAML as Spring Boot reads it ({@link YamlConfig}); of its
 * documents ({@code ---}), later ones override earlier ones, and one with {@code
 * spring.config.activate.on-profile} applies only when that profile is active: the profiles of the
 * {@code SPRING_PROFILES_ACTIVE} environment variable, else {@code spring.profiles.active} of the
 * file, else {@code default} ({@link ProfileExpression}). A document for a cloud platform ({@code
 * spring.config.activate.on-cloud-platform}) is left out.
 */
final class ConfigFile {
    private static final Pattern INDEXED = Pattern.compile("(.*)\\[(\\d+)]");
    private static final String ON_PROFILE = "spring.config.activate.on-profile";
    private static final String ON_CLOUD_PLATFORM = "spring.config.activate.on-cloud-platform";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    private final Path path;
    private final Map<String, String> values;

    private ConfigFile(Path path, Map<String, String> values) {
        this.path = path;
        this.values = values;
    }

    /**
     * Reads a {@code .properties}, {@code .yml} or {@code .yaml} file.
     *
     * @param path the file
     * @param env the environment, for {@code SPRING_PROFILES_ACTIVE}
     */
    static ConfigFile read(Path path, Map<String, String> env) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(path)) {
            throw new MigrationsException("Config file " + path.toAbsolutePath().normalize()
                    + " does not exist or is not a file; fix --config");
        }
        try {
            if (name.endsWith(".properties")) {
                return new ConfigFile(path, normalize(readProperties(path)));
            } else if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                List<Map<String, String>> documents = new ArrayList<>();
                for (Map<String, String> document :
                        YamlConfig.documents(path, Files.readString(path, StandardCharsets.UTF_8))) {
                    documents.add(normalize(document));
                }
                return new ConfigFile(path, merge(path, documents, env));
            } else {
                throw new MigrationsException(
                        "Config file " + path + " is neither .properties nor .yml/.yaml; give a Spring Boot"
                                + " application.properties or application.yml");
            }
        } catch (IOException e) {
            throw new MigrationsException("Config file " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The documents that apply, later ones overriding earlier ones key by key (a list as a whole). */
    private static Map<String, String> merge(Path path, List<Map<String, String>> documents, Map<String, String> env) {
        Map<String, String> always = new HashMap<>();
        for (Map<String, String> document : documents) {
            if (document.containsKey(key("spring.profiles"))) {
                throw new MigrationsException("Config file " + path + ": spring.profiles is not read since Spring"
                        + " Boot 2.4; write spring.config.activate.on-profile instead");
            }
            if (!document.containsKey(key(ON_PROFILE)) && !document.containsKey(key(ON_CLOUD_PLATFORM))) {
                always.putAll(document);
            }
        }
        String active = env.get("SPRING_PROFILES_ACTIVE");
        if (active == null || active.isBlank()) {
            active = always.getOrDefault(key("spring.profiles.active"), "");
        }
        if (active.isBlank()) {
            active = always.getOrDefault(key("spring.profiles.default"), "default");
        }
        List<String> profiles = new ArrayList<>();
        for (String profile : active.split(",")) {
            if (!profile.isBlank()) {
                profiles.add(profile.strip());
            }
        }
        Map<String, String> result = new HashMap<>();
        for (Map<String, String> document : documents) {
            String onProfile = document.get(key(ON_PROFILE));
            if (!document.containsKey(key(ON_CLOUD_PLATFORM))
                    && (onProfile == null || ProfileExpression.matches(path, onProfile, profiles))) {
                result.putAll(document);
            }
        }
        return result;
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

package dev.migrations.cli;

import dev.migrations.MigrationsException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads an {@code application.yml} with SnakeYAML, as Spring Boot does, into one flat map of
 * property names per document: nested maps become dotted keys, list items {@code key[0]}, {@code
 * key[1]}, a key that is not a string {@code [key]}, null and empty lists the empty string. Like
 * Boot, duplicate keys are refused, aliases are not limited, and timestamps stay text.
 */
final class YamlConfig {
    private YamlConfig() {}

    /**
     * The documents of a YAML text, flattened, in file order; empty documents are left out.
     *
     * @param path the file, for messages
     * @param text the file's text
     * @throws MigrationsException naming the file and line when the text is not valid YAML
     */
    static List<Map<String, String>> documents(Path path, String text) {
        List<Map<String, String>> documents = new ArrayList<>();
        try {
            for (Object document : yaml().loadAll(text)) {
                if (document != null) {
                    Map<String, String> flat = new LinkedHashMap<>();
                    Map<?, ?> map = document instanceof Map<?, ?> m ? m : Map.of("document", document);
                    flatten(path, flat, "", map, new ArrayDeque<>());
                    documents.add(flat);
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : ":" + (mark.getLine() + 1);
            String column = mark == null ? "" : " (column " + (mark.getColumn() + 1) + ")";
            throw new MigrationsException(
                    "Config file " + path + where + ": " + problem(e) + column + "; not valid YAML", e);
        } catch (YAMLException e) {
            throw new MigrationsException("Config file " + path + ": " + e.getMessage() + "; not valid YAML", e);
        }
        return documents;
    }

    private static String problem(MarkedYAMLException e) {
        String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
        return problem == null ? "malformed YAML" : problem;
    }

    /** Spring Boot's loader settings (OriginTrackedYamlLoader) without its origin tracking. */
    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(Integer.MAX_VALUE);
        options.setAllowRecursiveKeys(true);
        options.setCodePointLimit(Integer.MAX_VALUE);
        DumperOptions dumperOptions = new DumperOptions();
        return new Yaml(
                new SafeConstructor(options),
                new Representer(dumperOptions),
                dumperOptions,
                options,
                new NoTimestampResolver());
    }

    /** Spring's YamlProcessor.buildFlattenedMap, refusing a value that contains itself. */
    private static void flatten(Path path, Map<String, String> out, String prefix, Map<?, ?> map, Deque<Object> open) {
        enter(path, prefix, map, open);
        map.forEach((rawKey, value) -> {
            String key = rawKey instanceof CharSequence ? rawKey.toString() : "[" + rawKey + "]";
            if (!prefix.isEmpty()) {
                key = key.startsWith("[") ? prefix + key : prefix + "." + key;
            }
            if (value instanceof Map<?, ?> nested) {
                flatten(path, out, key, nested, open);
            } else if (value instanceof Collection<?> items) {
                enter(path, key, items, open);
                if (items.isEmpty()) {
                    out.put(key, "");
                }
                int index = 0;
                for (Object item : items) {
                    flatten(path, out, key, Map.of("[" + index++ + "]", item == null ? "" : item), open);
                }
                open.pop();
            } else {
                out.put(key, value == null ? "" : value.toString());
            }
        });
        open.pop();
    }

    private static void enter(Path path, String key, Object container, Deque<Object> open) {
        for (Object outer : open) {
            if (outer == container) {
                throw new MigrationsException("Config file " + path + ": '" + key
                        + "' contains itself through an alias; not a value a property can take");
            }
        }
        open.push(container);
    }

    /** Leaves dates and times as text, as Spring Boot does. */
    private static final class NoTimestampResolver extends Resolver {
        @Override
        public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
            if (!Tag.TIMESTAMP.equals(tag)) {
                super.addImplicitResolver(tag, regexp, first, limit);
            }
        }
    }
}

package dev.migrations.boot;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.Environment;

/**
 * The DataSources that {@code migrations.datasources.<name>.*} declares, each with its settings: the
 * top-level {@code migrations.*} overlaid with what the entry sets. The connection ({@code url},
 * {@code user}, {@code password}) is not inherited: it belongs to one database, and an entry migrates
 * the DataSource bean it is named after unless it sets its own.
 */
final class MigrationsDataSources {
    /** Where the entries live. */
    static final String PREFIX = "migrations.datasources";

    /** Settings of every engine at once (one switch, one refresher, one health status), not an entry's. */
    private static final List<String> SHARED = List.of("enabled", "metrics", "health");

    private final Map<String, MigrationsProperties> settings = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private MigrationsDataSources() {}

    /** The entries of the environment, with the problems of their values. */
    static MigrationsDataSources of(Environment environment) {
        Binder binder = Binder.get(environment);
        Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
        MigrationsDataSources entries = new MigrationsDataSources();
        List<ConfigurationPropertyName> names = entryNames(binder);
        if (names.isEmpty()) {
            return entries;
        }
        // A value the top-level's own validation rejects is reported there, not once per entry.
        Set<String> rejectedAtTheTop = new HashSet<>();
        MigrationsPropertiesCheck.check(topLevel(binder), (field, message) -> rejectedAtTheTop.add(field));
        for (ConfigurationPropertyName name : names) {
            String key = name.getLastElement(ConfigurationPropertyName.Form.ORIGINAL);
            String prefix = PREFIX + "." + key + ".";
            for (String shared : SHARED) {
                if (isSet(sources, name.append(shared))) {
                    entries.problems.add(
                            prefix + shared + ": applies to every DataSource; set migrations." + shared + " instead");
                }
            }
            MigrationsProperties merged = topLevel(binder);
            merged.setUrl(null);
            merged.setUser(null);
            merged.setPassword(null);
            var unused = binder.bind(name, Bindable.ofInstance(merged));
            MigrationsPropertiesCheck.check(merged, (field, message) -> {
                if (!rejectedAtTheTop.contains(field)) {
                    entries.problems.add(prefix + MigrationsPropertiesCheck.kebab(field) + ": " + message);
                }
            });
            entries.settings.put(key, merged);
        }
        return entries;
    }

    /** Each entry's settings by its key, in the order the binder found them. */
    Map<String, MigrationsProperties> settings() {
        return settings;
    }

    /** Every problem with the entries' values, each naming its property; empty when they are valid. */
    List<String> problems() {
        return problems;
    }

    /**
     * The DataSource bean an entry's key names: the bean of that name, else the only one whose name
     * differs from it in case alone (environment variables and some sources lower-case keys), else null.
     */
    static @Nullable String dataSourceBean(String key, List<String> dataSourceBeans) {
        if (dataSourceBeans.contains(key)) {
            return key;
        }
        List<String> loose = dataSourceBeans.stream()
                .filter(bean -> bean.equalsIgnoreCase(key))
                .toList();
        return loose.size() == 1 ? loose.get(0) : null;
    }

    /** The entries' names as the binder names the map's keys, which is how an entry is bound again. */
    private static List<ConfigurationPropertyName> entryNames(Binder binder) {
        List<ConfigurationPropertyName> names = new ArrayList<>();
        BindHandler recorder = new BindHandler() {
            @Override
            public <T> Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target, BindContext context) {
                if (context.getDepth() == 1 && !names.contains(name)) {
                    names.add(name);
                }
                return target;
            }
        };
        var unused = binder.bind(PREFIX, Bindable.mapOf(String.class, MigrationsProperties.class), recorder);
        return names;
    }

    private static MigrationsProperties topLevel(Binder binder) {
        MigrationsProperties properties = new MigrationsProperties();
        var unused = binder.bind("migrations", Bindable.ofInstance(properties));
        return properties;
    }

    private static boolean isSet(Iterable<ConfigurationPropertySource> sources, ConfigurationPropertyName name) {
        for (ConfigurationPropertySource source : sources) {
            if (source.getConfigurationProperty(name) != null
                    || source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                return true;
            }
        }
        return false;
    }
}

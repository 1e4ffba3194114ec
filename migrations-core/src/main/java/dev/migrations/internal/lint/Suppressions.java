package dev.migrations.internal.lint;

import dev.migrations.LintRule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code -- lint:ignore} comments of one script. {@code -- lint:ignore rule[, rule...] [reason]}
 * on the comment lines right above a statement silences those rules for that statement; {@code --
 * lint:ignore-file rule[, rule...] [reason]} anywhere outside a statement silences them for the
 * whole script. Words after the rule ids are the reason, for reviewers.
 */
final class Suppressions {
    private static final String IGNORE = "lint:ignore";
    private static final String IGNORE_FILE = "lint:ignore-file";

    private final Set<String> file = new HashSet<>();
    /** LintRule ids by the line of the comment naming them. */
    private final Map<Integer, Set<String>> byLine = new HashMap<>();

    private final List<String> lines;

    private Suppressions(String text) {
        this.lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("--")) {
                continue;
            }
            String comment = line.substring(2).strip();
            if (comment.regionMatches(true, 0, IGNORE_FILE, 0, IGNORE_FILE.length())) {
                file.addAll(ruleIds(comment.substring(IGNORE_FILE.length())));
            } else if (comment.regionMatches(true, 0, IGNORE, 0, IGNORE.length())) {
                byLine.put(i + 1, ruleIds(comment.substring(IGNORE.length())));
            }
        }
    }

    /** The suppressions of the script at {@code path}; none when its text cannot be read. */
    static Suppressions of(String path, ClassLoader classLoader) {
        String text = read(path, classLoader);
        return new Suppressions(text == null ? "" : text);
    }

    /** For tests: the suppressions of a script's text. */
    static Suppressions ofText(String text) {
        return new Suppressions(text);
    }

    /** Whether {@code rule} is silenced for the statement starting at {@code line} (0: the whole script). */
    boolean suppressed(LintRule rule, int line) {
        if (file.contains(rule.id())) {
            return true;
        }
        // The comment block right above the statement: consecutive comment lines.
        for (int l = line - 1;
                l >= 1 && l <= lines.size() && lines.get(l - 1).strip().startsWith("--");
                l--) {
            Set<String> ids = byLine.get(l);
            if (ids != null && ids.contains(rule.id())) {
                return true;
            }
        }
        return false;
    }

    /** The leading rule ids of {@code list}; the first word that names no rule starts the reason. */
    private static Set<String> ruleIds(String list) {
        Set<String> ids = new HashSet<>();
        for (String word : list.strip().split("[\\s,]+")) {
            LintRule rule = LintRule.find(word);
            if (rule == null) {
                break;
            }
            ids.add(rule.id());
        }
        return ids;
    }

    private static String read(String path, ClassLoader classLoader) {
        try {
            if (path.startsWith("classpath:")) {
                try (InputStream in = classLoader.getResourceAsStream(path.substring("classpath:".length()))) {
                    return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            String file = path.startsWith("filesystem:") ? path.substring("filesystem:".length()) : path;
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            return null;
        }
    }
}

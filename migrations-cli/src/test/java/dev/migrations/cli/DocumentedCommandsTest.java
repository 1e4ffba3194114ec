package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The docs keep up with the command line: every command and option is named in {@code
 * docs/command-line.md}, and every command-line example in {@code README.md} and {@code docs/*.md}
 * parses.
 */
class DocumentedCommandsTest {
    /** The repository's root, seen from the module's directory (where surefire runs the tests). */
    static final Path ROOT = Path.of("..");

    static final Path REFERENCE = ROOT.resolve("docs/command-line.md");

    /**
     * A command-line example: a line that runs the CLI, possibly after a shell prompt, or its
     * container image ({@code docker run|podman run ... <name>migrations<...>:<tag> ARGS}, the
     * arguments after the image's name being the CLI's).
     */
    static final Pattern EXAMPLE = Pattern.compile(
            "^(?:\\$ )?(?:(?:bin/)?migrations|(?:docker|podman) run .*?\\S*migrations[\\w.-]*:[\\w.-]+) (.*)$");

    @Test
    void everyCommandAndOptionIsInTheCommandLinePage() throws IOException {
        String page = Files.readString(REFERENCE, StandardCharsets.UTF_8);
        CommandSpec root =
                Subcommands.commandLine(new MigrationsCommand(Map.of())).getCommandSpec();
        assertThat(root.subcommands().keySet()).containsExactlyElementsOf(Subcommands.COMMANDS);

        List<String> missing = new ArrayList<>();
        for (OptionSpec option : root.options()) {
            if (!option.hidden() && !mentionsOption(page, option.longestName())) {
                missing.add("global option " + option.longestName());
            }
        }
        for (Map.Entry<String, CommandLine> command : root.subcommands().entrySet()) {
            String name = command.getKey();
            if (!mentionsCommand(page, name)) {
                missing.add("command " + name);
            }
            for (OptionSpec option : command.getValue().getCommandSpec().options()) {
                if (!option.hidden() && !mentionsOption(page, option.longestName())) {
                    missing.add(name + " " + option.longestName());
                }
            }
        }
        assertThat(missing)
                .as(
                        "commands and options the CLI has that %s does not name; add them to its tables"
                                + " (global options, or the commands' table)",
                        REFERENCE.normalize())
                .isEmpty();
    }

    @Test
    void everyCommandLineExampleParses() throws IOException {
        List<Example> examples = new ArrayList<>();
        for (Path page : pages()) {
            examples.addAll(examples(page));
        }
        assertThat(examples)
                .as("command-line examples found in README.md and docs/")
                .hasSizeGreaterThan(50);

        List<String> failures = new ArrayList<>();
        for (Example example : examples) {
            String problem = parseProblem(example.args());
            if (problem != null) {
                failures.add(example.where() + ": " + example.line() + "\n    " + problem);
            }
        }
        assertThat(failures)
                .as("command-line examples that the CLI's parser refuses (fix the example, or the option it names)")
                .isEmpty();
    }

    @Test
    void aBrokenExampleIsReported() {
        assertThat(parseProblem(args("upgrade head --sql"))).isNull();
        var image = EXAMPLE.matcher("docker run --rm -v \"$PWD/db:/workspace/db\" -e MIGRATIONS_URL=jdbc:h2:mem:x"
                + " registry.example.com/orders-migrations:1.4.2 upgrade head --no-such-option");
        assertThat(image.matches()).isTrue();
        assertThat(parseProblem(args(image.group(1)))).contains("--no-such-option");
        assertThat(parseProblem(args("--format json lint > lint.json   # for tools")))
                .isNull();
        assertThat(parseProblem(args("upgrade head --no-such-option"))).isNotNull();
        assertThat(parseProblem(args("no-such-command"))).isNotNull();
        assertThat(parseProblem(args("--lock-wait-timeout"))).isNotNull();
        assertThat(args("revision -m \"create users\" --head base  # a comment"))
                .containsExactly("revision", "-m", "create users", "--head", "base");
        assertThat(args("history -r=-2: | head; echo done")).containsExactly("history", "-r=-2:");
        assertThat(mentionsOption("`--[no-]validate-checksums`", "--validate-checksums"))
                .isTrue();
        assertThat(mentionsOption("`--sql-file`", "--sql")).isFalse();
        assertThat(mentionsCommand("| `heads` | ... |", "head")).isFalse();
    }

    /** One example: where it is, its text, its arguments. */
    record Example(String where, String line, List<String> args) {}

    /** Null when the arguments parse as the CLI parses them (no execution), else why not. */
    static String parseProblem(List<String> args) {
        String[] array = args.toArray(String[]::new);
        try {
            Subcommands.commandLine(new MigrationsCommand(Map.of()), array).parseArgs(array);
            return null;
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
    }

    /** README.md and the pages of docs/. */
    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /**
     * The command-line examples in a page's fenced code blocks: lines starting with {@code
     * migrations} or {@code bin/migrations} (after an optional {@code $ } prompt), joined with the
     * lines that a trailing backslash continues. Lines that substitute a command ({@code $(...)})
     * are left out: their arguments are only known to the shell.
     */
    static List<Example> examples(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        List<Example> examples = new ArrayList<>();
        boolean inBlock = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.stripLeading().startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock) {
                continue;
            }
            int number = i + 1;
            StringBuilder joined = new StringBuilder(line.strip());
            while (joined.toString().endsWith("\\") && i + 1 < lines.size()) {
                joined.setLength(joined.length() - 1);
                joined.append(' ').append(lines.get(++i).strip());
            }
            var matcher = EXAMPLE.matcher(joined.toString());
            if (!matcher.matches() || joined.indexOf("$(") >= 0) {
                continue;
            }
            String where = ROOT.relativize(page).normalize() + ":" + number;
            examples.add(new Example(where, joined.toString(), args(matcher.group(1))));
        }
        return examples;
    }

    /**
     * The arguments the shell would pass: words split at blanks, quotes removed, up to a comment
     * ({@code #} starting a word) or the end of the command ({@code | ; & < >}).
     */
    static List<String> args(String command) {
        List<String> args = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < command.length()) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == '\\' && i + 1 < command.length()) {
                word = word == null ? new StringBuilder() : word;
                word.append(command.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    args.add(word.toString());
                    word = null;
                }
            } else if ("|;&<>".indexOf(c) >= 0 || (c == '#' && word == null)) {
                break;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            args.add(word.toString());
        }
        return args;
    }

    /**
     * Whether the page names the option as a whole word ({@code --sql}, not {@code --sql-file}); a
     * negatable one may be spelled {@code --[no-]name}.
     */
    static boolean mentionsOption(String page, String option) {
        String negatable = option.startsWith("--") ? "|" + Pattern.quote("--[no-]" + option.substring(2)) : "";
        return Pattern.compile("(?<![\\w-])(?:" + Pattern.quote(option) + negatable + ")(?![\\w-])")
                .matcher(page)
                .find();
    }

    /** Whether the page names the command in code: {@code `heads`} or {@code `heads -v`}. */
    static boolean mentionsCommand(String page, String command) {
        return Pattern.compile("`" + Pattern.quote(command) + "[` ]")
                .matcher(page)
                .find();
    }
}

package dev.migrations.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code migrations} command's subcommands: their names, instances, and which ones a command line registers. */
final class Subcommands {
    private Subcommands() {}

    /** The subcommands, in the order the usage lists them; see {@link #newSubcommand}. */
    static final List<String> COMMANDS = List.of(
            "init",
            "revision",
            "merge",
            "upgrade",
            "downgrade",
            "stamp",
            "current",
            "heads",
            "branches",
            "history",
            "graph",
            "show",
            "check",
            "status",
            "checksums",
            "lint",
            "start",
            "import",
            "adopt");

    /**
     * The command line for the arguments, with its parser settings. Picocli builds a command's model
     * by reflection when it is registered (about 2 ms a command in a fresh JVM), so arguments
     * that name a command register that one alone; without one (the usage, help and suggestions for a
     * mistyped command) all are registered.
     */
    static CommandLine commandLine(MigrationsCommand command, String... args) {
        CommandLine commandLine = new CommandLine(command);
        String invoked = invokedCommand(commandLine.getCommandSpec(), args);
        for (String name : COMMANDS) {
            if (invoked == null || invoked.equals(name)) {
                // Built on its own, a command gets its model transformer (RunCommand's --sql help),
                // which picocli skips for an object added to a command line already built.
                commandLine.addSubcommand(name, new CommandLine(newSubcommand(name)));
            }
        }
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // 'downgrade -1' and 'show -1' are revisions, not options, as in Alembic's argparse.
        commandLine.setUnmatchedOptionsArePositionalParams(true);
        // Alembic's argparse keeps the last of a repeated single-valued option ('-m a -m b' is 'b');
        // picocli would refuse the second one as a usage error.
        commandLine.setOverwrittenOptionsAllowed(true);
        return commandLine;
    }

    /**
     * The command the arguments name: the first argument that is a command's name and not the value
     * of an option before it; null when there is none (or an end of options, {@code --}, comes first).
     */
    static String invokedCommand(CommandSpec spec, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return null;
            }
            if (COMMANDS.contains(arg)) {
                return arg;
            }
            if (arg.startsWith("-") && arg.indexOf('=') < 0) {
                CommandLine.Model.OptionSpec option = spec.findOption(arg);
                if (option != null && option.arity().min() > 0) {
                    i++; // the option's value, whatever it spells
                }
            }
        }
        return null;
    }

    /** A new instance of the named subcommand. */
    static Object newSubcommand(String name) {
        return switch (name) {
            case "init" -> new InitCommand();
            case "revision" -> new RevisionCommand();
            case "merge" -> new MergeCommand();
            case "upgrade" -> new UpgradeCommand();
            case "downgrade" -> new DowngradeCommand();
            case "stamp" -> new StampCommand();
            case "current" -> new CurrentCommand();
            case "heads" -> new HeadsCommand();
            case "branches" -> new BranchesCommand();
            case "history" -> new HistoryCommand();
            case "graph" -> new GraphCommand();
            case "show" -> new ShowCommand();
            case "check" -> new CheckCommand();
            case "status" -> new StatusCommand();
            case "checksums" -> new ChecksumsCommand();
            case "lint" -> new LintCommand();
            case "start" -> new StartCommand();
            case "import" -> new ImportCommand();
            case "adopt" -> new AdoptCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }
}

package dev.migrations.cli;

/** Entry point placeholder. */
public final class MigrationsCommand {
    private MigrationsCommand() {}

    public static void main(String[] args) {
        System.out.println("migrations");
    }
}

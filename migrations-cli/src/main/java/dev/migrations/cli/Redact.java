package dev.migrations.cli;

/** Hides credentials in what the command line prints. */
final class Redact {
    private Redact() {}

    /**
     * A JDBC URL with any password hidden: {@code user:secret@host} becomes {@code user:***@host},
     * and {@code password=...} parameters become {@code password=***}.
     */
    static String url(String url) {
        if (url == null) {
            return "";
        }
        String result = url.replaceAll("(?i)(password=)[^&;]*", "$1***");
        return result.replaceAll("//([^/@:]*):[^/@]*@", "//$1:***@");
    }
}

package dev.migrations;

/** A revision script that cannot be read or parsed; names the file and, when known, the line. */
public class ScriptException extends MigrationsException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final int line;

    /**
     * Creates the error.
     *
     * @param path the script's path as the user knows it (a file path or a classpath location)
     * @param line the 1-based line the problem is on, or 0 when it concerns the whole file
     * @param problem what is wrong and how to fix it
     */
    public ScriptException(String path, int line, String problem) {
        super(line > 0 ? path + ":" + line + ": " + problem : path + ": " + problem);
        this.path = path;
        this.line = line;
    }

    /**
     * Creates the error with its cause.
     *
     * @param path the script's path as the user knows it
     * @param line the 1-based line, or 0
     * @param problem what is wrong and how to fix it
     * @param cause the underlying cause
     */
    public ScriptException(String path, int line, String problem, Throwable cause) {
        super(line > 0 ? path + ":" + line + ": " + problem : path + ": " + problem, cause);
        this.path = path;
        this.line = line;
    }

    /** The script's path as the user knows it. */
    public String path() {
        return path;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}

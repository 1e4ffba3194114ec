package dev.migrations.internal.script;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A section's statements, split from its text on first access. Loading a directory of scripts then
 * costs only the headers: at an application's start with every revision applied, no section is ever
 * split. A quote or comment left open in a section is reported (as a {@link
 * dev.migrations.ScriptException} naming the file and line) when the section is first used: when it
 * runs, is rendered, or is listed.
 */
final class DeferredStatements extends AbstractList<Statement> implements RandomAccess {
    private final String path;
    private final String text;
    private final int firstLine;
    // Splitting twice under a race is harmless: the result is the same immutable list.
    private volatile List<Statement> statements;

    DeferredStatements(String path, String text, int firstLine) {
        this.path = path;
        this.text = text;
        this.firstLine = firstLine;
    }

    private List<Statement> statements() {
        List<Statement> result = statements;
        if (result == null) {
            result = List.copyOf(StatementSplitter.split(path, text, firstLine));
            statements = result;
        }
        return result;
    }

    @Override
    public Statement get(int index) {
        return statements().get(index);
    }

    @Override
    public int size() {
        return statements().size();
    }
}

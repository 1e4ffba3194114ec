package dev.migrations.adopt;

import java.nio.file.Path;
import java.util.List;

/**
 * What an import wrote and what it could not import.
 *
 * @param written the revision scripts written, in revision order
 * @param notes what the user must look at: migrations left out (repeatable, Java, below the baseline) with
 *     what to do instead, placeholders left in place
 */
public record ImportResult(List<Path> written, List<String> notes) {

    /** Copies the lists. */
    public ImportResult {
        written = List.copyOf(written);
        notes = List.copyOf(notes);
    }
}

package dev.migrations.internal.adopt;

import dev.migrations.MigrationsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the other tool's files: UTF-8 only, as both tools read them by default, or a clear error. */
final class SourceFiles {
    private SourceFiles() {}

    /** The file's text, refusing anything that is not valid UTF-8 (a wrong guess would change checksums). */
    static String read(Path file) {
        return read(file, StandardCharsets.UTF_8);
    }

    /** The file's text in {@code encoding}, refusing bytes that are not valid in it. */
    static String read(Path file, Charset encoding) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MigrationsException(
                    "Cannot read " + file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "); check that it exists (a link must point to a file) and is readable, then import again."
                            + " Nothing was written.");
        }
        CharsetDecoder decoder = encoding.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            if (!encoding.equals(StandardCharsets.UTF_8)) {
                throw new MigrationsException(file + " is not valid " + encoding.name() + "; give the encoding the"
                        + " tool read it in (Flyway's encoding) with --encoding, then import again. Nothing was"
                        + " written.");
            }
            throw new MigrationsException(file + " is not valid UTF-8 (at byte " + firstBadByte(bytes)
                    + "); if Flyway read it in another encoding (its encoding setting), give that with --encoding"
                    + " (e.g. --encoding ISO-8859-1), else convert it to UTF-8 (e.g. iconv -f latin1 -t utf-8) and"
                    + " check it still applies the same, then import again. Nothing was written.");
        }
    }

    private static int firstBadByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        for (int end = 1; end <= bytes.length; end++) {
            try {
                decoder.reset().decode(ByteBuffer.wrap(bytes, 0, end));
            } catch (CharacterCodingException e) {
                // A multi-byte character cut short by the window is not yet an error: look further.
                if (end == bytes.length || (bytes[end] & 0xC0) != 0x80) {
                    return end - 1;
                }
            }
        }
        return bytes.length;
    }
}

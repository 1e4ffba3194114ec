package dev.migrations.internal.adopt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/** The checksums Flyway and Liquibase store in their history tables, computed as they compute them. */
final class Checksums {
    private Checksums() {}

    /**
     * Flyway's {@code ChecksumCalculator}: a CRC-32 of each line's UTF-8 bytes without its line ending
     * (lines split as {@link BufferedReader#readLine} splits them), a byte-order mark dropped from the
     * line's start, as a signed int. So line endings and a BOM never change it. The text is the script read
     * in Flyway's {@code encoding}; the CRC is of its UTF-8 bytes whatever that encoding was.
     */
    static int flyway(String text) {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                // Flyway 12 filters a byte-order mark from the start of every line, not only the first.
                String withoutBom = !line.isEmpty() && line.charAt(0) == '\ufeff' ? line.substring(1) : line;
                crc.update(withoutBom.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) crc.getValue();
    }

    /**
     * Liquibase's checksum version 9 of a changeset whose changes are SQL ({@code sql}, {@code sqlFile}
     * or a formatted-SQL changeset): each change's checksum is the MD5 of its SQL with every space, tab,
     * CR and LF removed ({@code AbstractSQLChange.NormalizingStream}), written {@code 9:<hex>}; the
     * changeset's is the MD5 of those joined, each followed by {@code :} ({@code ChangeSet.generateCheckSum}).
     */
    static String liquibase(Iterable<String> sqlOfChanges) {
        StringBuilder joined = new StringBuilder();
        for (String sql : sqlOfChanges) {
            StringBuilder compact = new StringBuilder(sql.length());
            for (int i = 0; i < sql.length(); i++) {
                char c = sql.charAt(i);
                if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                    compact.append(c);
                }
            }
            joined.append("9:").append(md5(compact.toString())).append(':');
        }
        return "9:" + md5(joined.toString());
    }

    private static String md5(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}

package dev.migrations.internal.script;

import dev.migrations.ScriptException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one SQL revision script.
 *
 * <pre>{@code
 * -- Add user email verification fields
 * --
 * -- Revision ID: 6eef61f13528
 * -- Revises: 1975ea83b712
 * -- Create Date: 2026-11-24 07:00:00.000000
 *
 * -- migrate:upgrade
 * ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false;
 *
 * -- migrate:downgrade
 * ALTER TABLE users DROP COLUMN email_verified;
 * }</pre>
 *
 * <p>The header is the first block of {@code --} lines; its first line is the message, then come
 * {@code Key: value} fields ({@code Revision ID} required; {@code Revises}, {@code Create Date},
 * {@code Branch Labels}, {@code Depends On}, {@code Transactional} optional; keys are
 * case-insensitive). The {@code -- migrate:upgrade} section is required, {@code --
 * migrate:downgrade} optional and after it. Every problem is reported as a {@link
 * ScriptException} naming the file and line.
 */
public final class ScriptParser {

    private static final Pattern MARKER = Pattern.compile("--\\s*migrate\\s*:\\s*(.*)", Pattern.CASE_INSENSITIVE);
    private static final String UPGRADE = "-- migrate:upgrade";
    private static final String DOWNGRADE = "-- migrate:downgrade";

    private ScriptParser() {}

    /**
     * Parses a script.
     *
     * @param path the path shown to users in errors and kept in the result
     * @param content the file's raw bytes, UTF-8 (a byte order mark is skipped)
     * @return the parsed script, its checksum being the SHA-256 of {@code content}
     * @throws ScriptException if the file is not valid UTF-8, its header or sections are
     *     malformed, or a quote, comment or dollar-quoted body is not closed
     */
    public static RevisionScript parse(String path, byte[] content) {
        return parse(path, content, false);
    }

    /**
     * Parses a script's header and section markers, leaving the sections' statements to be split on
     * first access (what the loader does: at an application's start with every revision applied,
     * no section is ever split). Header and marker errors are reported here, an unclosed quote or
     * comment in a section when the section is first used.
     *
     * @param path the path shown to users in errors and kept in the result
     * @param content the file's raw bytes, UTF-8 (a byte order mark is skipped)
     * @return the parsed script, its checksum being the SHA-256 of {@code content}
     * @throws ScriptException if the file is not valid UTF-8 or its header or sections are malformed
     */
    public static RevisionScript parseDeferred(String path, byte[] content) {
        return parse(path, content, true);
    }

    private static RevisionScript parse(String path, byte[] content, boolean deferred) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        String text = decode(path, content);
        List<SourceLine> lines = SourceLine.split(text);
        HeaderParser.Header header = HeaderParser.parse(path, lines);
        Markers markers = findMarkers(path, lines, header.end());
        int upgrade = markers.upgrade();
        int downgrade = markers.downgrade();
        checkOrder(path, lines, upgrade, downgrade);
        checkNoSqlBefore(path, text, lines, header.end(), upgrade);
        int upgradeEnd = downgrade < 0 ? text.length() : lines.get(downgrade).start();
        return new RevisionScript(
                header.revision(),
                header.downRevisions(),
                header.dependsOn(),
                header.branchLabels(),
                header.message(),
                header.createDate(),
                header.transactional(),
                section(path, text, lines, upgrade, upgradeEnd, deferred),
                downgrade < 0 ? List.of() : section(path, text, lines, downgrade, text.length(), deferred),
                downgrade >= 0,
                path,
                sha256(content),
                null); // a SQL script: no Java body
    }

    /** Line indexes of the section markers, -1 when absent. */
    private record Markers(int upgrade, int downgrade) {}

    private static Markers findMarkers(String path, List<SourceLine> lines, int from) {
        int upgrade = -1;
        int downgrade = -1;
        for (int i = from; i < lines.size(); i++) {
            String section = markerName(lines.get(i));
            if (UPGRADE.equals(section)) {
                checkUnique(path, lines, upgrade, i);
                upgrade = i;
            } else if (DOWNGRADE.equals(section)) {
                checkUnique(path, lines, downgrade, i);
                downgrade = i;
            } else if (section != null) {
                throw new ScriptException(
                        path,
                        lines.get(i).number(),
                        "unknown section marker '" + lines.get(i).text().strip() + "'; the sections are '" + UPGRADE
                                + "' and '" + DOWNGRADE + "'");
            }
        }
        return new Markers(upgrade, downgrade);
    }

    /** Whether the line is a {@code -- migrate:...} section marker (valid or not). */
    static boolean isMarker(SourceLine line) {
        return markerName(line) != null;
    }

    /** The marker normalised to {@code -- migrate:<name>}, or {@code null} for other lines. */
    private static String markerName(SourceLine line) {
        // The pattern needs a leading "--"; most lines are SQL, and this spares them the regex.
        if (!line.isComment()) {
            return null;
        }
        Matcher marker = MARKER.matcher(line.text().strip());
        return marker.matches() ? "-- migrate:" + marker.group(1).strip().toLowerCase(Locale.ROOT) : null;
    }

    private static void checkUnique(String path, List<SourceLine> lines, int previous, int current) {
        if (previous >= 0) {
            String marker = markerName(lines.get(current));
            throw new ScriptException(
                    path,
                    lines.get(current).number(),
                    "duplicate '" + marker + "' section (the first one is at line "
                            + lines.get(previous).number() + "); a script has at most one, merge the two");
        }
    }

    private static void checkOrder(String path, List<SourceLine> lines, int upgrade, int downgrade) {
        if (upgrade < 0) {
            throw new ScriptException(
                    path,
                    0,
                    "missing '" + UPGRADE + "' section; add a line '" + UPGRADE
                            + "' after the header and put the upgrade SQL below it");
        }
        if (downgrade >= 0 && downgrade < upgrade) {
            throw new ScriptException(
                    path,
                    lines.get(downgrade).number(),
                    "'" + DOWNGRADE + "' comes before '" + UPGRADE + "' (line "
                            + lines.get(upgrade).number() + "); put the upgrade section first");
        }
    }

    /** Between the header and the first marker only blank lines and comments are allowed. */
    private static void checkNoSqlBefore(String path, String text, List<SourceLine> lines, int from, int upgrade) {
        if (from >= upgrade) {
            return;
        }
        String between =
                text.substring(lines.get(from).start(), lines.get(upgrade).start());
        List<Statement> stray =
                StatementSplitter.split(path, between, lines.get(from).number());
        if (!stray.isEmpty()) {
            throw new ScriptException(
                    path,
                    stray.get(0).line(),
                    "SQL before the first section marker; move it below '" + UPGRADE + "' (or '" + DOWNGRADE
                            + "'), or comment it out");
        }
    }

    /** The statements between the marker line at {@code marker} and offset {@code end}. */
    private static List<Statement> section(
            String path, String text, List<SourceLine> lines, int marker, int end, boolean deferred) {
        int start = marker + 1 < lines.size() ? lines.get(marker + 1).start() : end;
        if (deferred) {
            return new DeferredStatements(
                    path, text.substring(start, end), lines.get(marker).number() + 1);
        }
        return StatementSplitter.split(
                path, text.substring(start, end), lines.get(marker).number() + 1);
    }

    /** Decodes strict UTF-8, skipping a byte order mark. */
    private static String decode(String path, byte[] content) {
        int offset = hasBom(content) ? 3 : 0;
        ByteBuffer in = ByteBuffer.wrap(content, offset, content.length - offset);
        // UTF-8 never yields more chars than bytes, so the buffer cannot overflow.
        CharBuffer out = CharBuffer.allocate(content.length - offset);
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            // '\n' never occurs inside a multi-byte sequence, so counting bytes counts lines.
            int line = 1;
            for (int i = offset; i < in.position(); i++) {
                if (content[i] == '\n') {
                    line++;
                }
            }
            throw new ScriptException(
                    path,
                    line,
                    "the file is not valid UTF-8 (first bad byte at line " + line + "); save the file as UTF-8");
        }
        String text = out.flip().toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            // PostgreSQL cannot take a NUL in a statement; such a file is binary or UTF-16.
            int line = 1;
            for (int i = 0; i < nul; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            throw new ScriptException(
                    path,
                    line,
                    "the file contains a NUL byte (line " + line + "): it is binary or UTF-16, not UTF-8 SQL; save"
                            + " it as UTF-8 text");
        }
        return text;
    }

    private static boolean hasBom(byte[] content) {
        return content.length >= 3
                && (content[0] & 0xFF) == 0xEF
                && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF;
    }

    /** Never used directly: cloning it is much cheaper than a provider look-up per file. */
    private static final MessageDigest SHA256_PROTOTYPE = sha256Prototype();

    private static MessageDigest sha256Prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static String sha256(byte[] content) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA256_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha256Prototype();
        }
        return HexFormat.of().formatHex(digest.digest(content));
    }
}

package dev.migrations.internal.adopt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Flyway version as Flyway's {@code MigrationVersion} reads it: {@code _} is {@code .}, parts are
 * compared as numbers, trailing zero parts do not count ({@code 1.2} equals {@code 1.2.0}).
 *
 * @param text the version as Flyway shows it and stores it in its history ({@code 1_2} is {@code 1.2})
 */
record FlywayVersion(String text, List<BigInteger> parts) implements Comparable<FlywayVersion> {
    private static final Pattern SPLIT = Pattern.compile("\\.(?=\\d)");

    /** The version, or null when Flyway would refuse it (anything but digits, dots and underscores). */
    static @Nullable FlywayVersion parse(String raw) {
        String text = raw.replace('_', '.');
        List<BigInteger> parts = new ArrayList<>();
        for (String part : SPLIT.split(text, -1)) {
            if (part.isEmpty() || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            parts.add(new BigInteger(part));
        }
        for (int i = parts.size() - 1; i > 0 && parts.get(i).signum() == 0; i--) {
            parts.remove(i);
        }
        return new FlywayVersion(text, List.copyOf(parts));
    }

    /** The version with trailing zero parts dropped: equal versions have equal keys. */
    String key() {
        StringBuilder sb = new StringBuilder();
        for (BigInteger part : parts) {
            sb.append(sb.length() == 0 ? "" : ".").append(part);
        }
        return sb.toString();
    }

    @Override
    public int compareTo(FlywayVersion other) {
        for (int i = 0; i < Math.max(parts.size(), other.parts.size()); i++) {
            BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger b = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
            int compared = a.compareTo(b);
            if (compared != 0) {
                return compared;
            }
        }
        return 0;
    }
}

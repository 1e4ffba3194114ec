package dev.migrations.internal.redaction;

import java.util.regex.Pattern;

/**
 * Hides credentials in text the engine reports: drivers put the JDBC URL into some of their errors
 * ("No suitable driver found for jdbc:...?password=..."), and a URL may carry a password as a
 * parameter or as {@code user:password@host}.
 */
public final class Redaction {
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)((?:ssl)?(?:password|passwd|pwd|sslpassphrase)\\s*=)[^&;,\\s'\"]*");
    // user:password@host, in a URL or alone (pgjdbc reports a bad host part as an unknown host).
    private static final Pattern USER_INFO = Pattern.compile("((?://|\\b)[^/@:\\s()'\"]*):[^/@\\s]*@");

    private Redaction() {}

    /** The text with password parameters and URL user-info passwords replaced by {@code ***}. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = PASSWORD_PARAMETER.matcher(text).replaceAll("$1***");
        return USER_INFO.matcher(result).replaceAll("$1:***@");
    }

    /** The passwords a JDBC URL carries (parameters and user info), to hide wherever they show. */
    public static java.util.List<String> secretsOf(String url) {
        java.util.List<String> secrets = new java.util.ArrayList<>();
        if (url == null) {
            return secrets;
        }
        java.util.regex.Matcher parameter = Pattern.compile(
                        "(?i)(?:password|passwd|pwd|sslpassword|sslpassphrase)\\s*=([^&;,\\s]+)")
                .matcher(url);
        while (parameter.find()) {
            secrets.add(parameter.group(1));
        }
        java.util.regex.Matcher userInfo =
                Pattern.compile("//[^/@:]*:([^/@]+)@").matcher(url);
        if (userInfo.find()) {
            secrets.add(userInfo.group(1));
        }
        return secrets;
    }

    /** Like {@link #redact(String)}, also hiding every occurrence of a known secret (4 characters or more). */
    public static String redact(String text, String secret) {
        String result = redact(text);
        if (result != null && secret != null && secret.length() >= 4) {
            result = result.replace(secret, "***");
        }
        return result;
    }
}

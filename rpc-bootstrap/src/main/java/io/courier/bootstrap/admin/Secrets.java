package io.courier.bootstrap.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/** What the endpoint never shows or leaks: secret values, and the token through timing. */
final class Secrets {

    static final String HIDDEN = "<hidden>";

    /** Words that make a key's value a secret wherever they appear in its last segment. */
    private static final List<String> WORDS = List.of("password", "passwd", "secret", "token", "credential", "auth");

    private Secrets() {}

    /**
     * Whether the value of {@code key} must be hidden: the key is declared secret, or its last
     * segment names a password, secret, token, credential or authentication, or ends in {@code key}
     * ({@code api-key}, {@code private-key}; not {@code key-file}, a path).
     */
    static boolean hidden(ConfigEntry entry) {
        if (entry.secret()) {
            return true;
        }
        String key = entry.key().toLowerCase(Locale.ROOT);
        String last = key.substring(key.lastIndexOf('.') + 1);
        return WORDS.stream().anyMatch(last::contains) || last.endsWith("key");
    }

    /** The value as the endpoint shows it. */
    static String shown(ConfigEntry entry) {
        return hidden(entry) && !entry.value().isEmpty() ? HIDDEN : entry.value();
    }

    /**
     * Whether {@code given} equals {@code expected}, in time that depends on neither: both are hashed
     * first, so that neither their contents nor their lengths show in how long the comparison takes.
     * An empty {@code expected} (no token configured) matches nothing.
     */
    static boolean tokenMatches(String given, String expected) {
        if (given == null || expected.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sha256(given), sha256(expected));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

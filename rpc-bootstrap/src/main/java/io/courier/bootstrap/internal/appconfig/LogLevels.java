package io.courier.bootstrap.internal.appconfig;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in live keys {@code logging.level.<logger>} ({@code logging.level.root} for the root):
 * a level set in the configuration centre becomes the logger's level in Logback (SLF4J has no API to
 * set one); removing it restores the level the logger had before. With another SLF4J binding the
 * keys are refused in words, once. Not thread-safe: its owner serialises calls.
 */
final class LogLevels {

    /** The prefix of the keys. */
    static final String PREFIX = "logging.level.";

    private static final Logger log = LoggerFactory.getLogger(LogLevels.class);
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /** The level each changed logger had before its first change (null: inherited). */
    private final Map<String, String> original = new HashMap<>();

    private final Map<String, String> reported = new HashMap<>();
    private final Runnable rejectedCounter;
    private boolean refused;

    /** @param rejectedCounter moved once per rejected level */
    LogLevels(Runnable rejectedCounter) {
        this.rejectedCounter = rejectedCounter;
    }

    /** Sets the levels {@code centre} names, restores those it no longer names. */
    void apply(Map<String, String> centre, String origin) {
        Map<String, String> wanted = new LinkedHashMap<>();
        centre.forEach((key, text) -> {
            if (key.startsWith(PREFIX) && key.length() > PREFIX.length()) {
                wanted.put(key.substring(PREFIX.length()), text.trim().toUpperCase(Locale.ROOT));
            }
        });
        if (wanted.isEmpty() && original.isEmpty()) {
            return;
        }
        if (!LogbackLevels.bound()) {
            if (!refused) {
                refused = true;
                log.warn(
                        "Ignored {}*: levels change live with Logback only, and the SLF4J binding is {} [{}]",
                        PREFIX,
                        LoggerFactory.getILoggerFactory().getClass().getName(),
                        origin);
            }
            return;
        }
        wanted.forEach((name, level) -> set(name, level, origin));
        original.keySet().removeIf(name -> {
            if (wanted.containsKey(name)) {
                return false;
            }
            LogbackLevels.set(name, original.get(name));
            reported.remove(name);
            return true;
        });
    }

    private void set(String name, String level, String origin) {
        if (!LEVELS.contains(level)) {
            if (!level.equals(reported.put(name, level))) {
                rejectedCounter.run();
                log.warn(
                        "Rejected the application setting {}{}: '{}' (expected: one of {}) [{}]; the previous level"
                                + " stays in force",
                        PREFIX,
                        name,
                        level,
                        "TRACE, DEBUG, INFO, WARN, ERROR, OFF",
                        origin);
            }
            return;
        }
        reported.remove(name);
        if (!original.containsKey(name)) {
            original.put(name, LogbackLevels.level(name));
        }
        LogbackLevels.set(name, level);
    }
}

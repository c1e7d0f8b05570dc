package io.courier.bootstrap.internal.appconfig;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logback's side of {@link LogLevels}, in a class of its own so that nothing loads Logback's classes
 * unless SLF4J is bound to it (Logback is an optional dependency).
 */
final class LogbackLevels {

    private static final String ROOT = "root";

    private LogbackLevels() {}

    /** Whether Logback is on the class path and SLF4J is bound to it. */
    static boolean bound() {
        try {
            Class.forName("ch.qos.logback.classic.LoggerContext", false, LogLevels.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        return LoggerFactory.getILoggerFactory() instanceof LoggerContext;
    }

    /** The level set on {@code name} itself, or null when it inherits one. */
    static String level(String name) {
        Level level = logger(name).getLevel();
        return level == null ? null : level.toString();
    }

    /** Sets {@code name}'s level; null makes it inherit again. */
    static void set(String name, String level) {
        logger(name).setLevel(level == null ? null : Level.toLevel(level));
    }

    private static ch.qos.logback.classic.Logger logger(String name) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        return context.getLogger(name.equals(ROOT) ? Logger.ROOT_LOGGER_NAME : name);
    }
}

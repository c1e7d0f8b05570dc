package io.courier.bootstrap.config;

import io.courier.api.ReferenceOptions;
import io.courier.bootstrap.ConfigurationException;
import java.util.regex.Pattern;

/**
 * The value of {@code courier.consumer.mock} and {@code courier.service.<interface>.mock}:
 * {@code force:<class>} answers every call from the class without calling providers (Dubbo's
 * {@code mock="force:..."}); {@code fail:<class>} answers only when the call fails in the framework,
 * the same as {@code @Reference(fallback = ...)}. The class is loaded when the reference starts.
 *
 * @param force whether the mock answers every call rather than only failed ones
 * @param className the class implementing the service interface, or empty for no mock
 */
public record MockSetting(boolean force, String className) {

    static final MockSetting NONE = new MockSetting(false, "");

    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
    private static final String FORCE = "force:";
    private static final String FAIL = "fail:";

    /** The setting {@code text} describes, or {@code null} if it is not {@code force:<class>}, {@code fail:<class>} or empty. */
    static MockSetting parse(String text) {
        if (text.isEmpty()) {
            return NONE;
        }
        boolean force = text.startsWith(FORCE);
        if (!force && !text.startsWith(FAIL)) {
            return null;
        }
        String className =
                text.substring(force ? FORCE.length() : FAIL.length()).trim();
        return CLASS_NAME.matcher(className).matches() ? new MockSetting(force, className) : null;
    }

    /**
     * Sets the forced mock or the fallback of {@code builder} to the named class.
     *
     * @param key the key that set this value, for messages
     * @throws ConfigurationException if the class cannot be found
     */
    public void applyTo(ReferenceOptions.Builder builder, String key) {
        if (className.isEmpty()) {
            return;
        }
        Class<?> type = load(key);
        if (force) {
            builder.forceMock(type);
        } else {
            builder.fallback(type);
        }
    }

    private Class<?> load(String key) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(className, false, loader != null ? loader : MockSetting.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException(key + ": '" + (force ? FORCE : FAIL) + className
                    + "' (expected: a class on the class path implementing the service interface; " + e + ")");
        }
    }
}

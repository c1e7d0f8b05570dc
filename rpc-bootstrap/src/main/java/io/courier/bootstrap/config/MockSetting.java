package io.courier.bootstrap.config;

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

    /** The setting as it is written: {@code force:<class>}, {@code fail:<class>}, or empty for none. */
    public String text() {
        return className.isEmpty() ? "" : (force ? FORCE : FAIL) + className;
    }
}

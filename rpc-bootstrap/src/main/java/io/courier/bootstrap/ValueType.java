package io.courier.bootstrap;

import io.courier.api.Endpoint;
import io.courier.api.coordination.CoordinationNames;
import io.courier.api.registry.RegistryOptions;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How the text of one configuration value becomes a typed value: the type's name as the
 * configuration reference shows it, what a valid value looks like, and the parser.
 *
 * @param name the type as {@code docs/configuration.md} shows it, e.g. {@code int}
 * @param expectation what a valid value is, for error messages: {@code an integer 0 to 65535}
 * @param parser returns the value, or throws {@link IllegalArgumentException} for invalid text
 */
public record ValueType<T>(String name, String expectation, Function<String, T> parser) {

    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern REGISTRY_URL = Pattern.compile("[a-z0-9][a-z0-9._-]*://\\S+");
    private static final Pattern PACKAGE_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");

    /**
     * The typed value of {@code text}.
     *
     * @throws IllegalArgumentException if {@code text} is not a valid value of this type
     */
    T parse(String text) {
        T value = parser.apply(text.trim());
        if (value == null) {
            throw new IllegalArgumentException(expectation);
        }
        return value;
    }

    static ValueType<Integer> integer(int min, int max) {
        return new ValueType<>("int", "an integer " + min + " to " + max, text -> {
            long value = Long.parseLong(text);
            return value < min || value > max ? null : (int) value;
        });
    }

    static ValueType<Long> longInteger(long min, long max) {
        String range = max == Long.MAX_VALUE ? "an integer >= " + min : "an integer " + min + " to " + max;
        return new ValueType<>("long", range, text -> {
            long value = Long.parseLong(text);
            return value < min || value > max ? null : value;
        });
    }

    static ValueType<Boolean> bool() {
        return new ValueType<>("boolean", "true or false", text -> switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        });
    }

    /** Any text, surrounding blanks removed; may be empty. */
    static ValueType<String> string() {
        return new ValueType<>("string", "any text", text -> text);
    }

    /** Text that is not empty. */
    static ValueType<String> nonEmpty(String expectation) {
        return new ValueType<>("string", expectation, text -> text.isEmpty() ? null : text);
    }

    /** Empty, or the name of a lock, semaphore or election group ({@link CoordinationNames}). */
    static ValueType<String> coordinationName() {
        return new ValueType<>(
                "string",
                "empty, or " + CoordinationNames.RULE,
                text -> text.isEmpty() || CoordinationNames.isValid(text) ? text : null);
    }

    /** The name of an extension, checked against the class path when the value is used. */
    static ValueType<String> extensionName() {
        return new ValueType<>(
                "string",
                "an extension name (lower case letters, digits, '.', '_', '-')",
                text -> EXTENSION_NAME.matcher(text).matches() ? text : null);
    }

    static ValueType<String> oneOf(Set<String> allowed) {
        Set<String> sorted = new TreeSet<>(allowed);
        return new ValueType<>(
                "string", "one of " + String.join(", ", sorted), text -> allowed.contains(text) ? text : null);
    }

    /** Comma-separated items, each trimmed; empty items are dropped, so an empty text is an empty list. */
    static ValueType<List<String>> list() {
        return new ValueType<>("list", "comma-separated values", ValueType::split);
    }

    /** Comma-separated extension names. */
    static ValueType<List<String>> extensionNames() {
        return new ValueType<>("list", "one or more comma-separated extension names", text -> {
            List<String> items = split(text);
            boolean valid = !items.isEmpty()
                    && items.stream()
                            .allMatch(item -> EXTENSION_NAME.matcher(item).matches());
            return valid ? items : null;
        });
    }

    /** Comma-separated Java package names. */
    static ValueType<List<String>> packages() {
        return new ValueType<>("list", "comma-separated Java package names, e.g. com.example,org.shop", text -> {
            List<String> items = split(text);
            return items.stream().allMatch(item -> PACKAGE_NAME.matcher(item).matches()) ? items : null;
        });
    }

    /** A configuration-centre environment name ({@code RegistryOptions#environment()}). */
    static ValueType<String> environmentName() {
        return new ValueType<>(
                "string",
                RegistryOptions.ENVIRONMENT_RULE,
                text -> RegistryOptions.isEnvironmentName(text) ? text : null);
    }

    /** An absolute ZooKeeper path without a trailing slash. */
    static ValueType<String> zooKeeperPath() {
        return new ValueType<>(
                "string",
                "an absolute path like /courier",
                text -> text.startsWith("/") && (text.length() == 1 || !text.endsWith("/")) ? text : null);
    }

    /** Empty, {@code embedded}, or {@code scheme://address}. */
    static ValueType<String> registryAddress() {
        return new ValueType<>(
                "string",
                "embedded, zookeeper://host:port[,host:port] or empty for none",
                text -> text.isEmpty()
                                || EXTENSION_NAME.matcher(text).matches()
                                || REGISTRY_URL.matcher(text).matches()
                        ? text
                        : null);
    }

    /** Empty, or {@code user:password}; such a value is never printed. */
    static ValueType<String> digestAuth() {
        return new ValueType<>(
                "secret", "user:password or empty", text -> text.isEmpty() || text.indexOf(':') > 0 ? text : null);
    }

    /** Any text that messages must not print, e.g. a password; may be empty. */
    static ValueType<String> secretText() {
        return new ValueType<>("secret", "any text", text -> text);
    }

    /** Comma-separated items, at least one, each from {@code allowed}. */
    static ValueType<List<String>> someOf(List<String> allowed) {
        return new ValueType<>("list", "one or more of " + String.join(", ", allowed), text -> {
            List<String> items = split(text);
            return !items.isEmpty() && allowed.containsAll(items) ? items : null;
        });
    }

    /** {@code force:<class>}, {@code fail:<class>}, or empty for none. */
    static ValueType<MockSetting> mock() {
        return new ValueType<>("string", "force:<class name>, fail:<class name> or empty for none", MockSetting::parse);
    }

    /** Whether values of this type are secrets that messages must not print. */
    public boolean secret() {
        return name.equals("secret");
    }

    /** {@code courier://host:port}, several separated by commas; empty for none. */
    static ValueType<List<Endpoint>> directUrls() {
        return new ValueType<>(
                "list",
                "courier://host:port, several separated by commas",
                text -> text.isEmpty() ? List.of() : AnnotationOptions.parseUrls(text));
    }

    static ValueType<Path> path() {
        return new ValueType<>("path", "a file path", text -> {
            if (text.isEmpty()) {
                return null;
            }
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                return null;
            }
        });
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
    }
}

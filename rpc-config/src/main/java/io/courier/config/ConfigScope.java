package io.courier.config;

import io.courier.api.ServiceKey;
import java.util.Objects;

/**
 * What one configuration document applies to, inside an environment: every reference and export of
 * an application, or one service. A service document overrides the application document field by
 * field (see {@code docs/operations.md}). Immutable value; {@link #toString()} is the text form
 * {@code application:<name>} or {@code service:<serviceKey>}, read back by {@link #parse(String)}.
 *
 * @param kind application or service
 * @param name the application's name, or the service key's text form ({@code [group/]interface[:version]})
 */
public record ConfigScope(Kind kind, String name) {

    /** The two kinds of scope. */
    public enum Kind {
        /** Every service an application consumes (and provides). */
        APPLICATION,
        /** One service key, for every application. */
        SERVICE
    }

    public ConfigScope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || !name.equals(name.strip()) || name.length() > 500) {
            throw new IllegalArgumentException(
                    "name: '" + name + "' (expected: 1 to 500 characters, no surrounding blanks)");
        }
        if (kind == Kind.SERVICE) {
            name = ServiceKey.parse(name).toString();
        }
    }

    /** The scope of application {@code name}. */
    public static ConfigScope application(String name) {
        return new ConfigScope(Kind.APPLICATION, name);
    }

    /** The scope of service {@code serviceKey}. */
    public static ConfigScope service(ServiceKey serviceKey) {
        return new ConfigScope(Kind.SERVICE, serviceKey.toString());
    }

    /** The scope of the service whose key reads {@code serviceKey}, e.g. {@code shop/io.shop.Inventory:1.0}. */
    public static ConfigScope service(String serviceKey) {
        return new ConfigScope(Kind.SERVICE, serviceKey);
    }

    /**
     * Reads {@code application:<name>} or {@code service:<serviceKey>}; a text without a prefix is a
     * service key.
     *
     * @throws IllegalArgumentException naming the text and the expected forms
     */
    public static ConfigScope parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.startsWith("application:")) {
            return application(text.substring("application:".length()));
        }
        if (text.startsWith("service:")) {
            return service(text.substring("service:".length()));
        }
        try {
            return service(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "scope: '" + text + "' (expected: application:<name>, service:<serviceKey> or a service key)", e);
        }
    }

    /** The service key of a service scope. @throws IllegalStateException for an application scope */
    public ServiceKey serviceKey() {
        if (kind != Kind.SERVICE) {
            throw new IllegalStateException("serviceKey: " + this + " (expected: a service scope)");
        }
        return ServiceKey.parse(name);
    }

    @Override
    public String toString() {
        return (kind == Kind.APPLICATION ? "application:" : "service:") + name;
    }
}

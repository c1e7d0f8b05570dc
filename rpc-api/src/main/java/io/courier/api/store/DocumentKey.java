package io.courier.api.store;

import io.courier.api.ServiceKey;
import io.courier.api.registry.RegistryOptions;
import java.util.Objects;

/**
 * Which configuration document: the one of an application, or of a service, in an environment. These
 * are the documents a registry serves to its applications ({@link io.courier.api.registry.Registry#watchConfig}
 * layers the service's document over its application's, within {@link RegistryOptions#environment()}).
 * Immutable value.
 *
 * @param environment the namespace: {@link RegistryOptions#checkEnvironment its rule}
 * @param kind application or service
 * @param name the application's name, or the service key's text form ({@code [group/]interface[:version]},
 *     normalised)
 */
public record DocumentKey(String environment, Kind kind, String name) {

    /** The two kinds of document. */
    public enum Kind {
        /** Every reference and export of one application. */
        APPLICATION,
        /** One service key, for every application. */
        SERVICE
    }

    /**
     * @throws IllegalArgumentException naming the value and the rule if the environment is invalid,
     *     the name is blank, padded or longer than 500 characters, or a service name is not a service key
     */
    public DocumentKey {
        RegistryOptions.checkEnvironment(Objects.requireNonNull(environment, "environment"));
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

    /** The document of application {@code name} in {@code environment}. */
    public static DocumentKey application(String environment, String name) {
        return new DocumentKey(environment, Kind.APPLICATION, name);
    }

    /** The document of {@code serviceKey} in {@code environment}. */
    public static DocumentKey service(String environment, ServiceKey serviceKey) {
        return new DocumentKey(environment, Kind.SERVICE, serviceKey.toString());
    }

    /** {@code application:<name>} or {@code service:<serviceKey>}, then the environment, for messages. */
    @Override
    public String toString() {
        return (kind == Kind.APPLICATION ? "application:" : "service:") + name + " in environment " + environment;
    }
}

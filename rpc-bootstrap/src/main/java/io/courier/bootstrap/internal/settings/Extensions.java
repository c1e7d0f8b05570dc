package io.courier.bootstrap.internal.settings;

import io.courier.api.ServiceDescriptor;
import io.courier.api.config.ConfigKey;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.bootstrap.ConfigurationException;
import io.courier.spi.ExtensionException;
import io.courier.spi.ExtensionLoader;

/**
 * The extensions the configuration names, found on the class path: a cluster, a load balancer, a
 * serializer bound to one service. A name that is missing, or an extension that cannot load or carry
 * the service, is a configuration error naming its key.
 */
public final class Extensions {

    private Extensions() {}

    /**
     * The extension {@code name} of {@code type}, named by {@code key}.
     *
     * @throws ConfigurationException naming the key and the extensions on the class path
     */
    public static <T> T extension(Class<T> type, String name, ConfigKey<?> key) {
        ExtensionLoader<T> loader = ExtensionLoader.of(type);
        if (!loader.has(name)) {
            throw new ConfigurationException(key.name() + ": '" + name + "' (expected: one of the "
                    + type.getSimpleName() + " extensions on the class path: "
                    + (loader.names().isEmpty() ? "none" : String.join(", ", loader.names())) + ")");
        }
        try {
            return loader.get(name);
        } catch (ExtensionException e) {
            throw new ConfigurationException(key.name() + ": '" + name + "' cannot be loaded: " + e.getMessage());
        }
    }

    /** The serializer extension {@code name}. */
    public static Serializer serializer(String name, ConfigKey<?> key) {
        return extension(Serializer.class, name, key);
    }

    /**
     * The serializer extension {@code name} bound to one service ({@link Serializer#forService}), at
     * export or refer time so that its start-up work never lands on a call.
     *
     * @throws ConfigurationException naming the key if the extension is missing or cannot carry the
     *     service's types
     */
    public static Serializer serializer(
            String name, ConfigKey<?> key, ServiceDescriptor descriptor, DeserializationPolicy policy) {
        return serializer(name, key, descriptor, policy, false);
    }

    /**
     * As {@link #serializer(String, ConfigKey, ServiceDescriptor, DeserializationPolicy)}; {@code
     * inBackground}: bound with {@link Serializer#prepareForService}, its start-up work left to run
     * after this returns (for a serializer with a fallback after it, see {@code
     * AutoSerializers.preparedInBackground}).
     */
    public static Serializer serializer(
            String name,
            ConfigKey<?> key,
            ServiceDescriptor descriptor,
            DeserializationPolicy policy,
            boolean inBackground) {
        Serializer installed = serializer(name, key);
        Serializer bound;
        try {
            bound = inBackground
                    ? installed.prepareForService(descriptor, policy)
                    : installed.forService(descriptor, policy);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key.name() + ": '" + name + "' cannot carry the values of "
                    + descriptor.interfaceName() + ": " + e.getMessage());
        }
        if (bound == null || bound.id() != installed.id()) {
            throw new ConfigurationException(key.name() + ": '" + name + "' bound to "
                    + descriptor.interfaceName() + " answered "
                    + (bound == null ? "null" : "id " + bound.id()) + " (expected: a serializer with id "
                    + installed.id() + ")");
        }
        return bound;
    }
}

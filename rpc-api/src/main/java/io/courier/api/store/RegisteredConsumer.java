package io.courier.api.store;

import java.util.Objects;

/**
 * A consumer's announcement in the registry, for operators: one per registry client and service
 * while it subscribes (see {@link io.courier.api.registry.Registry#subscribe}). Nothing may depend on it.
 * Immutable.
 *
 * @param id the registry client's identity, unique among the consumers of a service
 * @param application the consumer's application name; may be empty
 * @param host the consumer's host name; may be empty
 * @param pid the consumer's process id, or 0 if it did not say
 */
public record RegisteredConsumer(String id, String application, String host, long pid) {

    public RegisteredConsumer {
        Objects.requireNonNull(id, "id");
        application = Objects.requireNonNullElse(application, "");
        host = Objects.requireNonNullElse(host, "");
    }
}

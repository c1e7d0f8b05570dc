package io.courier.rest;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import io.courier.api.config.ValueType;
import java.util.List;

/** The configuration keys of REST on a provider's port (docs/rest.md). */
public final class RestKeys implements ConfigKeyCatalog {

    /** Whether the provider's port serves REST when rpc-rest is on the class path. */
    public static final ConfigKey<Boolean> ENABLED = ConfigKey.of(
            "courier.rest.enabled",
            ValueType.bool(),
            true,
            "true",
            "Whether the provider's port serves its services as REST resources (HTTP/1.1, JAX-RS annotations)"
                    + " beside Courier's protocol when rpc-rest is on the class path (docs/rest.md).");

    /** The largest request body REST reads. */
    public static final ConfigKey<Integer> MAX_BODY_BYTES = ConfigKey.of(
            "courier.rest.max-body-bytes",
            ValueType.integer(1, Integer.MAX_VALUE),
            RestProtocol.DEFAULT_MAX_BODY_BYTES,
            "1048576",
            "The largest body a REST request may have on the provider's port; a larger one is answered 413 and"
                    + " the connection closed before the body is read whole.");

    /** How long a request may take to arrive whole. */
    public static final ConfigKey<Long> REQUEST_DEADLINE_MILLIS = ConfigKey.of(
            "courier.rest.request-deadline-millis",
            ValueType.longInteger(1, Long.MAX_VALUE),
            RestProtocol.DEFAULT_REQUEST_DEADLINE_MILLIS,
            "10000",
            "How long a REST request may take to arrive whole from its first byte on the provider's port; a"
                    + " slower one (cut short, or sent a byte at a time) closes its connection.");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(ENABLED, MAX_BODY_BYTES, REQUEST_DEADLINE_MILLIS);
    }
}

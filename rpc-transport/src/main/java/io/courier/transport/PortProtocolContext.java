package io.courier.transport;

import io.courier.api.config.ConfigKey;

/** What a {@link PortProtocolFactory} may read of the application it serves. */
public interface PortProtocolContext {

    /**
     * The application's value of {@code key}, parsed and checked by the key's type, or the key's default
     * when it is not set.
     *
     * @throws io.courier.api.config.ConfigValueException if the value set is not of the key's type
     */
    <T> T setting(ConfigKey<T> key);
}

package io.courier.bootstrap.admin;

import java.util.Objects;

/**
 * One configuration key as the application runs with it.
 *
 * @param key the full key, e.g. {@code courier.server.port}
 * @param value its effective text (the default's text when no source set it)
 * @param source where it was set: {@code builder}, {@code system property}, {@code environment
 *     variable COURIER_...}, a file, a host's configuration, or {@code default}
 * @param secret whether the key is declared secret (the endpoint also hides values of keys whose
 *     name says token, password, secret or key)
 */
public record ConfigEntry(String key, String value, String source, boolean secret) {

    public ConfigEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }
}

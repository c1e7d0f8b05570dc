package io.courier.bootstrap.internal.config;

/**
 * One configuration entry as a source gave it, before parsing.
 *
 * @param key the full key, e.g. {@code courier.server.port}
 * @param text the raw value
 * @param origin where it was set, for messages: {@code system property},
 *     {@code environment variable COURIER_SERVER_PORT}, {@code courier.properties (file:/app/courier.properties)}
 */
public record Setting(String key, String text, String origin) {}

package io.courier.bootstrap;

import java.util.Collection;

/**
 * Where a {@link CourierBuilder} reads configuration keys from instead of this JVM's system
 * properties and {@code COURIER_*} environment variables: a host framework's own configuration,
 * such as Spring's {@code Environment}, which already holds both in its own precedence. Keys are
 * checked and parsed exactly as from any other source, and errors name {@link #origin(String)}.
 *
 * <p>Precedence: the builder's setters, then this source, then {@code courier.properties} (or the
 * file {@code courier.config} names). Called only from {@link CourierBuilder#start()}, on its thread.
 */
public interface ConfigSource {

    /**
     * The {@code courier.*} keys this source holds under their own names, including keys Courier
     * does not know (so that they are reported, with a suggestion) and open keys
     * ({@code courier.service.*}, {@code courier.filter.*}).
     */
    Collection<String> names();

    /**
     * The text of {@code key}, or {@code null} if the source has none. The source may find a
     * documented key under another spelling that {@link #names()} does not list, such as an
     * environment variable.
     */
    String text(String key);

    /** Where {@link #text(String)} of {@code key} comes from, for messages: a file and line, a variable. */
    String origin(String key);
}

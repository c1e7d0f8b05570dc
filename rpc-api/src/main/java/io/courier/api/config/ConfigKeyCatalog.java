package io.courier.api.config;

import java.util.List;

/**
 * The configuration keys one module owns. Each module that reads {@code courier.*} keys declares
 * them in an implementation registered in
 * {@code META-INF/services/io.courier.api.config.ConfigKeyCatalog}; the
 * {@link ConfigKeyRegistry} loads every catalog on the class path, so start-up checks, the
 * configuration reference and the Spring Boot metadata know every key. A public class with a
 * public no-argument constructor, as {@link java.util.ServiceLoader} requires.
 */
public interface ConfigKeyCatalog {

    /** The keys, in the order the configuration reference lists them. */
    List<ConfigKey<?>> keys();
}

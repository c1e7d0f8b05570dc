package io.courier.spring.boot.autoconfigure;

import io.courier.api.config.ConfigKey;
import io.courier.bootstrap.ConfigSource;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Courier's keys as Spring's {@code Environment} holds them: {@code application.yml} and
 * {@code .properties} with their profiles, command-line arguments, system properties and
 * environment variables, in Spring's precedence. A value is what {@code Environment#getProperty}
 * answers (placeholders resolved; {@code COURIER_SERVER_IO_THREADS} found for
 * {@code courier.server.io-threads}); its origin is the file and line, or the variable, it came from.
 */
final class SpringConfigSource implements ConfigSource {

    /** The source Spring Boot attaches over all others to resolve relaxed names; it holds no key of its own. */
    static final String ATTACHED = "configurationProperties";

    private final ConfigurableEnvironment environment;

    SpringConfigSource(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Collection<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!ATTACHED.equals(source.getName()) && source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith(ConfigKey.PREFIX)) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    @Override
    public String text(String key) {
        return environment.getProperty(key);
    }

    @Override
    public String origin(String key) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!ATTACHED.equals(source.getName()) && source.containsProperty(key)) {
                Origin origin = OriginLookup.getOrigin(source, key);
                return origin != null ? origin.toString() : "Spring property source '" + source.getName() + "'";
            }
        }
        return "Spring Environment";
    }
}

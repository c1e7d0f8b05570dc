package io.courier.spring.boot.autoconfigure;

import java.util.Map;
import java.util.Set;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The {@code settings} section of the application's document in the configuration centre, as a
 * property source of Spring's {@code Environment}: replaced as a whole on each document Courier takes,
 * so {@code Environment#getProperty} answers from one document at a time.
 */
final class CentreSettingsSource extends EnumerablePropertySource<Object> {

    /** Its name in the {@code Environment}'s property sources. */
    static final String NAME = "courierCentreSettings";

    private volatile Map<String, String> values = Map.of();

    CentreSettingsSource() {
        super(NAME, new Object());
    }

    /** Takes the settings of a newer document. */
    void replace(Map<String, String> next) {
        values = Map.copyOf(next);
    }

    /** The names in force. */
    Set<String> names() {
        return values.keySet();
    }

    @Override
    public String[] getPropertyNames() {
        return values.keySet().toArray(String[]::new);
    }

    @Override
    public Object getProperty(String name) {
        return values.get(name);
    }

    @Override
    public boolean containsProperty(String name) {
        return values.containsKey(name);
    }
}

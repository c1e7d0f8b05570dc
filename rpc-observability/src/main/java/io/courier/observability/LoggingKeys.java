package io.courier.observability;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import io.courier.api.config.ValueType;
import java.util.List;
import java.util.Set;

/**
 * The logging switch, declared so that Courier's configuration accepts it: logback reads it, not
 * Courier (the images' {@code courier-logback.xml} picks its appender with it before Courier starts).
 * Registered in {@code META-INF/services/io.courier.api.config.ConfigKeyCatalog}.
 */
public final class LoggingKeys implements ConfigKeyCatalog {

    /** {@code json} or {@code text}: the appender {@code courier-json} or {@code courier-text}. */
    public static final ConfigKey<String> FORMAT = ConfigKey.of(
            "courier.logging.format",
            ValueType.oneOf(Set.of("json", "text")),
            "json",
            "(json in the container images)",
            "How the container images log, read by their logback configuration (a system property or"
                    + " COURIER_LOGGING_FORMAT, not a properties file): json writes one JSON object per line with"
                    + " trace_id and span_id, text the classic pattern (docs/observability.md).");

    /** For {@link java.util.ServiceLoader}. */
    public LoggingKeys() {}

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(FORMAT);
    }
}

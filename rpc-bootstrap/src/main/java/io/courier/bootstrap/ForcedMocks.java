package io.courier.bootstrap;

import io.courier.api.FilterContext;
import io.courier.api.ServiceKey;
import io.courier.filter.metrics.MeterRegistries;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a forced mock impossible to miss: a WARN when the reference starts, and the gauge
 * {@value #GAUGE}{@code {service, mock}} at 1 in the application's meter registry until the
 * application closes (then removed).
 */
final class ForcedMocks {

    static final String GAUGE = "courier.reference.mock.forced";

    private static final Logger log = LoggerFactory.getLogger(ForcedMocks.class);

    private ForcedMocks() {}

    /** Announces the forced mock of {@code key}; closing the result marks it inactive. */
    static AutoCloseable activate(FilterContext context, ServiceKey key, Class<?> mock, String where) {
        log.warn(
                "{}: FORCED MOCK ACTIVE: every call of {} is answered by {} and no provider is called"
                        + " (remove forceMock / courier.service.<interface>.mock=force:... before shipping)",
                where,
                key,
                mock.getName());
        MeterRegistry registry = MeterRegistries.of(context);
        Gauge gauge = Gauge.builder(GAUGE, () -> 1)
                .description("1 while a reference answers every call from a forced mock instead of its providers")
                .tag("service", key.toString())
                .tag("mock", mock.getName())
                .register(registry);
        // removed rather than set to 0, so that an application started later in the same JVM with the
        // same registry registers its own gauge instead of finding this one
        return () -> registry.remove(gauge);
    }
}

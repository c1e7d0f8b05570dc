package io.courier.bootstrap.internal.consumer;

import io.courier.api.ServiceKey;
import io.courier.api.config.ConfigKeyRegistry;
import io.courier.api.filter.FilterContext;
import io.courier.bootstrap.config.ServiceKeys;
import io.courier.filter.metrics.MeterRegistries;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a forced mock impossible to miss: a WARN when each reference starts, and the gauge
 * {@value #GAUGE}{@code {service, mock}} at 1 in the application's meter registry while any of the
 * application's references to the service uses the mock (then removed). One per application.
 */
public final class ForcedMocks {

    public static final String GAUGE = "courier.reference.mock.forced";
    /** The per-service form of {@code courier.consumer.mock}, as the warning names it. */
    private static final String SERVICE_MOCK_KEY = ConfigKeyRegistry.SERVICE_PREFIX + "<interface>."
            + ServiceKeys.CONSUMER_MOCK.name().substring(ConfigKeyRegistry.CONSUMER_PREFIX.length());

    private static final Logger log = LoggerFactory.getLogger(ForcedMocks.class);

    /** The gauge of each forced (service, mock) and how many references use it; guarded by this. */
    private final Map<String, Active> active = new HashMap<>();

    private static final class Active {
        final Gauge gauge;
        int references;

        Active(Gauge gauge) {
            this.gauge = gauge;
        }
    }

    /** Announces the forced mock of {@code key}; closing the result marks this reference inactive. */
    public AutoCloseable activate(FilterContext context, ServiceKey key, Class<?> mock, String where) {
        log.warn(
                "{}: FORCED MOCK ACTIVE: every call of {} is answered by {} and no provider is called"
                        + " (remove forceMock / " + SERVICE_MOCK_KEY + "=force:... before shipping)",
                where,
                key,
                mock.getName());
        MeterRegistry registry = MeterRegistries.of(context);
        String id = key + " " + mock.getName();
        synchronized (this) {
            // Registered once however many references force the same mock: registering it again is
            // ignored by Micrometer with a WARN ("Gauge has been already registered").
            active.computeIfAbsent(
                            id,
                            unused -> new Active(Gauge.builder(GAUGE, () -> 1)
                                    .description("1 while a reference answers every call from a forced mock"
                                            + " instead of its providers")
                                    .tag("service", key.toString())
                                    .tag("mock", mock.getName())
                                    .register(registry)))
                    .references++;
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                release(id, registry);
            }
        };
    }

    private synchronized void release(String id, MeterRegistry registry) {
        Active gauge = active.get(id);
        if (gauge != null && --gauge.references == 0) {
            active.remove(id);
            // removed rather than set to 0, so that an application started later in the same JVM with
            // the same registry registers its own gauge instead of finding this one
            registry.remove(gauge.gauge);
        }
    }
}

package io.courier.spring.boot.autoconfigure;

import io.courier.bootstrap.Courier;
import io.courier.bootstrap.status.CourierStatus;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code courier} health: {@code UP} once every {@code @Export} bean is exported and published
 * and the registry (if any) is connected; {@code OUT_OF_SERVICE} before the services are exported,
 * while switched offline and from the start of Spring's shutdown; {@code DOWN} while the registry is
 * unreachable. Details: the registry state, the services, and the providers of each reference (a
 * reference without providers is shown, not judged: whether it is required is the application's
 * call).
 */
final class CourierHealthIndicator extends AbstractHealthIndicator {

    private final Courier courier;
    private final CourierLifecycle lifecycle;

    CourierHealthIndicator(Courier courier, CourierLifecycle lifecycle) {
        super("Courier health check failed");
        this.courier = courier;
        this.lifecycle = lifecycle;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        CourierStatus status = courier.status();
        CourierLifecycle.State state = lifecycle.state();
        if (state != CourierLifecycle.State.SERVING || status.closed()) {
            builder.outOfService();
        } else if (status.registry() == CourierStatus.RegistryState.DISCONNECTED) {
            builder.down();
        } else if (!status.services().isEmpty() && !status.online()) {
            builder.outOfService();
        } else {
            builder.up();
        }
        builder.withDetail("state", state.name().toLowerCase(Locale.ROOT))
                .withDetail("registry", status.registry().name().toLowerCase(Locale.ROOT))
                .withDetail("online", status.online())
                .withDetail(
                        "services",
                        status.services().stream().map(Object::toString).toList());
        Map<String, Integer> providers = new LinkedHashMap<>();
        for (CourierStatus.ReferenceStatus reference : status.references()) {
            providers.merge(reference.serviceKey().toString(), reference.providers(), Math::max);
        }
        builder.withDetail("providers", providers);
    }
}

package io.courier.bootstrap.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.MethodDescriptor;
import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.cluster.CircuitBreakerOptions;
import io.courier.filter.ServiceFilterContext;
import io.courier.filter.SharedObjects;
import io.courier.spi.Side;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BreakerSettingsTest {

    /** A service with two methods, to tell the service's settings from one method's. */
    interface Inventory {
        int stock(String item);

        void reserve(String item);
    }

    private static final ServiceDescriptor DESCRIPTOR = ServiceDescriptor.of(Inventory.class);

    private final SharedObjects shared = new SharedObjects();

    @AfterEach
    void close() {
        shared.close();
    }

    @Test
    void bind_isNothing_unlessEnabled() {
        assertThat(BreakerSettings.bind(context(Map.of()))).isNull();
        assertThat(BreakerSettings.bind(context(Map.of("courier.filter.circuit-breaker.enabled", "false"))))
                .isNull();
        assertThat(BreakerSettings.bind(context(Map.of("courier.filter.circuit-breaker.enabled", "true"))))
                .isNotNull();
    }

    @Test
    void parse_takesTheMethodsOwnKey_overTheServices_andDefaultsTheRest() {
        ServiceFilterContext context = context(Map.of(
                "courier.filter.circuit-breaker.minimum-calls", "7",
                "courier.filter.stock.circuit-breaker.minimum-calls", "2",
                "courier.filter.circuit-breaker.window-type", "time"));
        CircuitBreakerOptions stock = BreakerSettings.parse(context, method("stock"));
        CircuitBreakerOptions reserve = BreakerSettings.parse(context, method("reserve"));

        assertThat(stock.minimumCalls()).isEqualTo(2);
        assertThat(reserve.minimumCalls()).isEqualTo(7);
        assertThat(stock.timeWindow()).isTrue();
        assertThat(reserve.openMillis()).isEqualTo(10_000);
    }

    @Test
    void bind_refusesAnInvalidValue_namingItsKey() {
        Map<String, String> properties = new HashMap<>();
        properties.put("courier.filter.circuit-breaker.enabled", "true");
        properties.put("courier.filter.reserve.circuit-breaker.half-open-calls", "0");

        assertThatThrownBy(() -> BreakerSettings.bind(context(properties)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("courier.filter.reserve.circuit-breaker.half-open-calls")
                .hasMessageContaining("0");
    }

    private static MethodDescriptor method(String name) {
        return DESCRIPTOR.methods().stream()
                .filter(method -> method.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private ServiceFilterContext context(Map<String, String> properties) {
        return ServiceFilterContext.builder(Side.CONSUMER, ServiceKey.of(Inventory.class), DESCRIPTOR)
                .application("breakers")
                .properties(properties)
                .referenceOptions(ReferenceOptions.defaults())
                .shared(shared)
                .build();
    }
}

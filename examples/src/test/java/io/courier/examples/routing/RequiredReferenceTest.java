package io.courier.examples.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import io.courier.examples.guide.Shop;
import io.courier.examples.guide.UserService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code required} references (Dubbo's {@code check=true}), from the annotation, the options and the
 * configuration key: without a provider after the first-list wait, the reference fails, naming what
 * asked for it, the service and the wait.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequiredReferenceTest {

    private static Courier consumer(String... properties) {
        var builder = Courier.builder()
                .application("shop")
                .registry("embedded")
                .shutdownHook(false)
                .property("courier.registry.first-list-wait-millis", "400");
        for (int i = 0; i < properties.length; i += 2) {
            builder.property(properties[i], properties[i + 1]);
        }
        return builder.start();
    }

    @Test
    void requiredOption_withoutAProvider_failsTheReference() {
        try (Courier consumer = consumer()) {
            assertThatThrownBy(() -> consumer.reference(
                            UserService.class,
                            ReferenceOptions.builder().required(true).build()))
                    .isInstanceOfSatisfying(
                            RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_PROVIDER))
                    .hasMessageContaining("reference(io.courier.examples.guide.UserService): required, but the"
                            + " registry lists no provider of io.courier.examples.guide.UserService after 400 ms"
                            + " (courier.registry.first-list-wait-millis)");
            assertThat(consumer.reference(UserService.class))
                    .as("not required: created")
                    .isNotNull();
        }
    }

    @Test
    void requiredAnnotation_withoutAProvider_failsTheInjection() {
        try (Courier consumer = consumer()) {
            assertThatThrownBy(() -> consumer.inject(new Shop()))
                    .isInstanceOf(RpcException.class)
                    .hasMessageContaining("@Reference on field io.courier.examples.guide.Shop.users: required");
        }
    }

    @Test
    void requiredKey_withoutAProvider_failsTheReference() {
        try (Courier consumer = consumer("courier.consumer.required", "true")) {
            assertThatThrownBy(() -> consumer.reference(UserService.class))
                    .isInstanceOf(RpcException.class)
                    .hasMessageContaining("required, but the registry lists no provider");
        }
    }
}

package io.courier.spring.boot.autoconfigure;

import io.courier.bootstrap.Courier;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With Actuator on the class path: the {@code courier} health indicator (in the readiness group by
 * default, see {@link CourierEnvironmentDefaults}) and the {@code courier} endpoint.
 */
@AutoConfiguration(after = CourierAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, Courier.class})
@ConditionalOnBean(Courier.class)
public class CourierActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "courierHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("courier")
    HealthIndicator courierHealthIndicator(Courier courier, CourierLifecycle lifecycle) {
        return new CourierHealthIndicator(courier, lifecycle);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    CourierEndpoint courierEndpoint(Courier courier) {
        return new CourierEndpoint(courier);
    }
}

package io.courier.spring.boot.autoconfigure;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the {@code courier} health indicator in Actuator's readiness group, beside Spring's own
 * {@code readinessState}, and turns on Actuator's availability probes (which define that indicator
 * and the liveness group), as the lowest-precedence defaults: an application that sets either key
 * itself decides alone.
 */
final class CourierEnvironmentDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "courierDefaults";
    static final String READINESS_INCLUDE = "management.endpoint.health.group.readiness.include";
    static final String PROBES_ENABLED = "management.endpoint.health.probes.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(SOURCE_NAME)) {
            // A group naming an indicator that is switched off fails the start: leave it out then.
            boolean healthOn = environment.getProperty(
                    "management.health.courier.enabled",
                    Boolean.class,
                    environment.getProperty("management.health.defaults.enabled", Boolean.class, true));
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(
                            SOURCE_NAME,
                            Map.of(
                                    READINESS_INCLUDE,
                                    healthOn ? "readinessState,courier" : "readinessState",
                                    PROBES_ENABLED,
                                    "true")));
        }
    }
}

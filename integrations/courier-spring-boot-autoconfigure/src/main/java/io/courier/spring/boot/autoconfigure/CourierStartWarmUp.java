package io.courier.spring.boot.autoconfigure;

import io.courier.bootstrap.StartupWarmUp;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts Courier's one-time costs of a fresh JVM ({@link StartupWarmUp#forApplication()}) as soon as
 * Spring has prepared the environment, on a daemon thread of their own: Spring then spends a second
 * or more refreshing its context on one thread before the first bean needs Courier, and on a 2-core
 * machine the other core is otherwise idle. Nothing when the environment switches Courier's
 * auto-configuration off ({@code spring.autoconfigure.exclude} naming it).
 */
final class CourierStartWarmUp implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String excluded = environment.getProperty("spring.autoconfigure.exclude", "");
        if (!excluded.contains(CourierAutoConfiguration.class.getName())) {
            StartupWarmUp.forApplication();
        }
    }

    /** Last among the environment's post-processors: the application's own properties are read by then. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

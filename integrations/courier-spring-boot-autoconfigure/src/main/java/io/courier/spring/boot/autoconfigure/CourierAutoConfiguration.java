package io.courier.spring.boot.autoconfigure;

import io.courier.api.event.EventBroker;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import io.courier.bootstrap.config.ApplicationKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * One {@link Courier} per application context: configured from Spring's {@code Environment}
 * ({@code courier.*}, the same keys as {@code docs/configuration.md}), using the context's
 * {@link MeterRegistry} and {@link OpenTelemetry} when it has them (for calls and events), exporting
 * every bean whose class carries {@code @Export} once the context is ready, injecting {@code
 * @Reference} proxies and {@code @EventTopic} publishers into fields, setters and constructor
 * parameters, subscribing the {@code @Subscribe} methods of singleton beans, putting the configuration
 * centre's application settings in the {@code Environment} (rebinding {@code @ConfigurationProperties}
 * beans on change), and closing gracefully in Spring's shutdown.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration"
        })
@ConditionalOnClass(Courier.class)
public class CourierAutoConfiguration {

    /**
     * The application, started with no service exported yet; {@link CourierLifecycle} exports them.
     * No JVM shutdown hook: Spring's own shutdown closes it.
     */
    @Bean
    @ConditionalOnMissingBean
    Courier courier(
            ConfigurableEnvironment environment,
            ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<OpenTelemetry> openTelemetry,
            ObjectProvider<CourierBuilderCustomizer> customizers,
            CentreSettingsBinding centreSettings) {
        SpringConfigSource source = new SpringConfigSource(environment);
        String scan = source.text(ApplicationKeys.SCAN_PACKAGES.name());
        if (scan != null && !scan.isBlank()) {
            throw new ConfigurationException(
                    ApplicationKeys.SCAN_PACKAGES.name() + ": '" + scan + "' (expected: unset under Spring"
                            + " Boot, where Spring's component scan creates the @Export beans) ["
                            + source.origin(ApplicationKeys.SCAN_PACKAGES.name()) + "]");
        }
        CourierBuilder builder =
                Courier.builder().source(source).shutdownHook(false).settingsHost(centreSettings::accept);
        String springName = environment.getProperty("spring.application.name");
        if (springName != null && source.text(ApplicationKeys.APPLICATION_NAME.name()) == null) {
            builder.application(springName);
        }
        meterRegistry.ifUnique(builder::meterRegistry);
        openTelemetry.ifUnique(builder::openTelemetry);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.start();
    }

    /**
     * The configuration centre's application settings in the {@code Environment}, with the
     * {@code @ConfigurationProperties} beans rebound on each change (docs/spring-boot.md).
     */
    @Bean
    CentreSettingsBinding courierCentreSettings(ConfigurableEnvironment environment, ApplicationContext context) {
        return new CentreSettingsBinding(environment, context);
    }

    /**
     * Exports the {@code @Export} beans and subscribes the subscriber beans when the context starts,
     * closes Courier when it stops.
     */
    @Bean
    @ConditionalOnMissingBean
    CourierLifecycle courierLifecycle(Courier courier, ApplicationContext context, SubscriberBeans subscribers) {
        return new CourierLifecycle(courier, context, subscribers);
    }

    /**
     * The application's event broker ({@link Courier#events()}), for subscriptions made in code; opened
     * when first injected. Courier owns and closes it, so Spring does not.
     */
    @Bean(destroyMethod = "")
    @Lazy
    @ConditionalOnMissingBean
    EventBroker courierEvents(Courier courier) {
        return courier.events();
    }

    /** Finds the beans with {@code @Subscribe} methods; static, as every post-processor must be. */
    @Bean
    static SubscriberBeans courierSubscriberBeans(ConfigurableListableBeanFactory beanFactory) {
        return new SubscriberBeans(beanFactory);
    }

    /** Fills {@code @Reference} fields, setters and parameters; static, as every post-processor must be. */
    @Bean
    static ReferenceInjection courierReferenceInjection(ConfigurableListableBeanFactory beanFactory) {
        return new ReferenceInjection(beanFactory);
    }
}

package io.courier.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class with {@link CourierExtension}: before each test, the values of its {@link Provide}
 * fields are exported by a provider application and its {@code @Reference} fields are filled by a
 * consumer application, both on a registry namespace of this class alone; after each test both are
 * closed, and the test fails if a connection to the provider is still open. The class fails if Netty
 * reported a leaked buffer while it ran. A test method may take a {@link TestCourier} parameter, or a
 * parameter of an interface a {@link Provide} field serves, which is a reference to it.
 *
 * <p>With {@code events = true} the test's applications publish and subscribe on one embedded Kafka
 * broker for the whole test run (it needs {@code io.courier:rpc-events-kafka-embedded} on the test
 * class path), and a test method may take a {@link TestEvents} parameter to publish and to wait for
 * an event.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(CourierExtension.class)
public @interface CourierTest {

    /**
     * Whether the test's applications use the run's embedded Kafka broker for events ({@code
     * courier.events.broker=kafka} on it), and {@link TestEvents} may be injected.
     */
    boolean events() default false;
}

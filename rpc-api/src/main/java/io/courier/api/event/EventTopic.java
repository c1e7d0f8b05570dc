package io.courier.api.event;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks for the application's {@link EventPublisher} of one topic, where an integration injects
 * dependencies: on a field, a setter or a constructor parameter of type {@code EventPublisher<E>},
 * with {@code E} a class (the event type, read from the declared generic type). The Spring Boot
 * starter fills it with {@code courier.events().publisher(value, E.class)}: the one publisher of
 * that topic, shared by every injection point, owned and closed by the application.
 *
 * <pre>{@code
 * public Checkout(@EventTopic("orders") EventPublisher<OrderPlaced> orders) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface EventTopic {

    /** The topic: 1 to 200 of letters, digits, '.', '_', '-'. */
    String value();
}

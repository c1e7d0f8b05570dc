package io.courier.api.event;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as the handler of a subscription, for {@link EventBroker#subscribeAnnotated}. The
 * method is public, returns {@code void} and takes one parameter: the event type {@code E} (the
 * payload only) or {@code Event<E>} (with the envelope), where {@code E} is a class. It is called
 * as an {@link EventHandler} is: what it throws asks for a retry. Each attribute is the {@link
 * SubscriptionOptions} component of the same name.
 *
 * <pre>{@code
 * @Subscribe(topic = "orders", group = "inventory", concurrency = 3)
 * public void on(OrderPlaced order) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Subscribe {

    /** {@link SubscriptionOptions#topic()}. */
    String topic();

    /** {@link SubscriptionOptions#group()}. */
    String group();

    /** {@link SubscriptionOptions#concurrency()}. */
    int concurrency() default 1;

    /** {@link SubscriptionOptions#maxAttempts()}. */
    int maxAttempts() default 3;

    /** {@link SubscriptionOptions#initialBackoff()}, in milliseconds. */
    long initialBackoffMillis() default 100;

    /** {@link SubscriptionOptions#maxBackoff()}, in milliseconds. */
    long maxBackoffMillis() default 2000;

    /** {@link SubscriptionOptions#deadLetterTopic()}; empty for {@code <topic>.dlt}. */
    String deadLetterTopic() default "";

    /** {@link SubscriptionOptions#startFrom()}. */
    SubscriptionOptions.StartFrom startFrom() default SubscriptionOptions.StartFrom.EARLIEST;
}

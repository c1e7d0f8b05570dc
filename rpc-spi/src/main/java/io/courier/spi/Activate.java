package io.courier.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes an {@link Extension} active without being named in configuration:
 * {@link ExtensionLoader#activated(Side)} returns it, ordered by {@link #order()}, on each side
 * listed in {@link #sides()}.
 *
 * <p>Lower orders run first (closer to the caller on the consumer, closer to the network on the
 * provider). Ties are broken by extension name, so the order never depends on class path order.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Activate {

    /** The sides this extension is active on. */
    Side[] sides();

    /** The position in the activated list; lower first. */
    int order() default 0;
}

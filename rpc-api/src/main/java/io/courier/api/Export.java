package io.courier.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as the implementation of a remote service. Bootstrap exports an instance of it
 * under the {@link ServiceKey} made of {@link #group()}, the interface and {@link #version()}.
 *
 * <p>Exactly one service is exported per class: {@link #value()} names the interface, or, when
 * left out, the class must implement exactly one interface. Two exports of one service key in one
 * application are a start-up error.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Export {

    /** The service interface; {@code void.class} means the single interface the class implements. */
    Class<?> value() default void.class;

    /** The service group; empty for none. */
    String group() default "";

    /** The service version; empty for none. */
    String version() default "";

    /** The relative weight load balancers give this instance (1 to 10,000; default 100). */
    int weight() default 100;

    /** Tags that route tagged calls here (e.g. {@code "canary"}). */
    String[] tags() default {};

    /**
     * The serializers a request may use (by extension name). Requests in any other serialization
     * are refused before their body is read. Empty means the application's default serializer.
     */
    String[] serializers() default {};

    /**
     * Where calls run: {@code "pool"} (a bounded thread pool, the default), {@code "direct"} (the
     * IO thread, only for implementations that never block) or {@code "virtual"} (virtual threads,
     * Java 21+). Empty means the application default.
     */
    String executor() default "";

    /** How long a new instance takes to reach its full weight, in milliseconds; 0 for none. */
    long warmupMillis() default -1;

    /**
     * A leader-election group: the service is registered only while this instance leads the group,
     * withdrawn from the registry as soon as it stops leading, and registered by the next leader
     * (see {@code docs/coordination.md}). Empty (the default) defers to configuration, whose default
     * is to register whenever exported. Names follow {@link
     * io.courier.api.coordination.CoordinationNames}.
     */
    String leaderGroup() default "";
}

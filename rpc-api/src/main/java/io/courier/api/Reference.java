package io.courier.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks bootstrap to fill a field with a proxy of a remote service. The field's type must be the
 * service interface. {@code Courier.inject} fills fields only; the Spring Boot integration also
 * honours it on a setter (whose single parameter is the service interface) and on a constructor or
 * factory-method parameter.
 *
 * <p>Attributes left at their defaults ({@code ""}, {@code -1}, {@code void.class}) take the
 * application's configured value, then Courier's default: see {@link ReferenceOptions}.
 * Asynchronous calls need no attribute: methods that return {@link java.util.concurrent.CompletableFuture}
 * are asynchronous end to end. Oneway methods are marked {@link Oneway} on the interface or listed
 * in {@link #oneway()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Reference {

    /** The service group; empty for none. */
    String group() default "";

    /** The service version; empty for none. */
    String version() default "";

    /** Per-attempt timeout in milliseconds; -1 for the configured default (3,000). */
    long timeoutMillis() default -1;

    /** Extra attempts after a failure that is safe to retry; -1 for the configured default (2). */
    int retries() default -1;

    /** The fault-tolerance strategy by {@code Cluster} extension name (default {@code failover}). */
    String cluster() default "";

    /** The {@code LoadBalancer} extension name (default {@code random}). */
    String loadBalancer() default "";

    /**
     * The {@code Serializer} extension name requests are written in; by default {@code auto}: {@code fory}
     * to a provider that lists it (or to a direct address), else {@code protostuff}.
     */
    String serializer() default "";

    /**
     * Direct provider addresses, bypassing the registry: {@code "courier://127.0.0.1:20880"}, several
     * separated by commas. The scheme names the protocol the calls travel by, one for all addresses:
     * {@code courier} for Courier's own, or a call protocol on the class path, such as {@code
     * "grpc://127.0.0.1:50051"} for a gRPC server (with {@code rpc-grpc}; see {@link
     * ReferenceOptions#protocol()}).
     */
    String url() default "";

    /** Names of methods to call oneway (sent without waiting for an answer), besides {@link Oneway} ones. */
    String[] oneway() default {};

    /**
     * A class implementing the service interface that answers when the cluster gives up or a
     * circuit is open; it needs a public no-argument constructor.
     */
    Class<?> fallback() default void.class;

    /**
     * A class implementing the service interface that answers every call instead of the providers,
     * which are never called (Dubbo's {@code mock="force:..."}): for a dependency that is down in a
     * development environment. It needs a no-argument constructor. The application logs a WARN when
     * the reference starts and shows the metric {@code courier.reference.mock.forced} while it is
     * active, so that it is not shipped by accident.
     */
    Class<?> forceMock() default void.class;

    /** The routing tag calls carry by default (e.g. {@code "canary"}); empty for none. */
    String tag() default "";

    /** Whether a tagged call fails rather than fall back to untagged instances. */
    boolean forceTag() default false;

    /**
     * Whether injecting the reference (and so starting the application that holds it) fails when the
     * registry lists no provider of the service by the end of {@code
     * courier.registry.first-list-wait-millis}, Dubbo's {@code check=true}. By default the reference
     * is created at once, its first call waits up to that long (from the call) for a provider, and
     * calls fail with {@code NO_PROVIDER} while there is none.
     */
    boolean required() default false;
}

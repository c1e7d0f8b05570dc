package io.courier.transport;

import java.util.Locale;

/**
 * Where a provider runs a service's calls, chosen per service ({@code ServiceOptions.executor}).
 */
public enum ExecutorKind {
    /**
     * A bounded thread pool with a bounded queue, shared by the server's {@code pool} services: a
     * call it cannot take is refused at once with {@code SERVER_BUSY}, "not executed".
     */
    POOL,
    /** On the connection's IO thread: only for services that never block. */
    DIRECT,
    /** One virtual thread per call; needs Java 21 or later at run time. */
    VIRTUAL;

    /** The configuration name: {@code pool}, {@code direct} or {@code virtual}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a configuration name.
     *
     * @throws IllegalArgumentException naming the value if it is not {@code pool}, {@code direct} or
     *     {@code virtual}
     */
    public static ExecutorKind of(String name) {
        if (name != null) {
            for (ExecutorKind kind : values()) {
                if (kind.configName().equals(name)) {
                    return kind;
                }
            }
        }
        throw new IllegalArgumentException("executor: '" + name + "' (expected: one of pool, direct, virtual)");
    }
}

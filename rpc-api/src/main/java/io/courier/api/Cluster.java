package io.courier.api;

import io.courier.spi.ExtensionPoint;

/**
 * A fault-tolerance strategy: how a call is sent to the candidates of a {@link Directory} and what
 * happens when it fails. Extensions: {@code failover} (the default), {@code failfast},
 * {@code failsafe}, {@code failback}, {@code forking}, {@code broadcast}. Thread-safe.
 */
@ExtensionPoint(defaultName = "failover")
public interface Cluster {

    /**
     * An invoker that routes, balances and retries calls over {@code directory} as this strategy
     * defines, with the reference's {@code options} (retries, timeout).
     */
    Invoker join(Directory directory, LoadBalancer loadBalancer, ReferenceOptions options);
}

package io.courier.api.cluster;

import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.spi.ExtensionPoint;

/**
 * A fault-tolerance strategy: how a call is sent to the candidates of a service and what happens
 * when an attempt fails. Extensions: {@code failover} (the default), {@code failfast},
 * {@code failsafe}, {@code failback}, {@code forking}, {@code broadcast}.
 *
 * <p>Retrying is safe only when the call cannot run twice: Courier's strategies retry an
 * {@link RpcException} that is {@link RpcException#notExecuted()} for every method, and one that may
 * have executed (a timeout, a connection lost in flight) only for
 * {@link MethodDescriptor#idempotent()} methods. A business exception (an {@link RpcResult} holding
 * one) is an answer, never retried.
 *
 * <p>The extension is a singleton; all per-reference state (retry budget, background retries)
 * belongs to the invoker {@link #join} returns. Thread-safe.
 */
@ExtensionPoint(defaultName = "failover", formerly = "io.courier.api.Cluster")
public interface Cluster {

    /**
     * An invoker that sends each call to candidates chosen by {@code selector} as this strategy
     * defines, with {@link CandidateSelector#options()} (retries, timeout). Called once per
     * reference.
     *
     * <p>The invoker follows the {@link Invoker} contract; when it gives up, its future fails with
     * an {@link RpcException} whose message names the service, the method, the instances tried and
     * the last cause, whose code is the last cause's, and which is
     * {@link RpcException#notExecuted()} only if no attempt may have executed.
     */
    Invoker join(CandidateSelector selector);
}

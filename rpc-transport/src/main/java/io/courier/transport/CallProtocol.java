package io.courier.transport;

import io.courier.api.Endpoint;
import io.courier.api.Invoker;
import java.util.function.LongSupplier;

/**
 * How a consumer calls providers that do not speak Courier's protocol: the providers of another
 * framework found in its registry layout (a stock Apache Dubbo provider over {@code dubbo}, for
 * example). A reference's directory asks it for the invoker of each such instance, by the instance's
 * {@link io.courier.api.ServiceInstance#callProtocol()}; the invoker then sits where Courier's own
 * per-endpoint invoker does, under the reference's filters, cluster, retries and circuit breakers.
 *
 * <p>Made by a {@link CallProtocolFactory}. Thread-safe.
 */
public interface CallProtocol extends AutoCloseable {

    /**
     * An invoker for calls to {@code endpoint}; invokers for the same endpoint share its connections.
     * Each call waits for its answer as long as {@code timeoutMillis} says when it is sent, or less when
     * the invocation's deadline comes first. The invoker's calls fail with an {@link
     * io.courier.api.RpcException}, "not executed" when the request cannot have reached the provider.
     *
     * @param options the reference's class allow-list ({@link CallOptions#policy()}) for what answers
     *     may build; a protocol with its own encoding ignores {@link CallOptions#serializer()}
     */
    Invoker invoker(Endpoint endpoint, CallOptions options, LongSupplier timeoutMillis);

    /** No invoker uses {@code endpoint} any more: closes its connections once their calls have ended. */
    void closeEndpoint(Endpoint endpoint);

    /** Fails the calls in flight and closes every connection and thread this protocol started. */
    @Override
    void close();
}

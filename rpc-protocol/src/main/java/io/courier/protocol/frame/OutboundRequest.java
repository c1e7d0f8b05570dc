package io.courier.protocol.frame;

import io.courier.api.Invocation;
import io.courier.api.serialization.Serializer;
import java.util.Objects;

/**
 * A call to write: the invocation, the id the consumer matches the answer with, and the serializer
 * for its arguments (one the service accepts).
 *
 * @param requestId unique among the calls in flight on the connection
 * @param invocation the call
 * @param serializer writes the arguments; its id goes in the header
 * @param oneway whether no answer is expected (the provider sends none)
 */
public record OutboundRequest(long requestId, Invocation invocation, Serializer serializer, boolean oneway)
        implements OutboundFrame {

    public OutboundRequest {
        Objects.requireNonNull(invocation, "invocation");
        Objects.requireNonNull(serializer, "serializer");
    }

    /** A request that is oneway exactly when the invoked method is. */
    public static OutboundRequest of(long requestId, Invocation invocation, Serializer serializer) {
        return new OutboundRequest(
                requestId, invocation, serializer, invocation.method().oneway());
    }
}

package io.courier.transport;

import io.courier.api.internal.Arguments;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import java.util.Objects;

/**
 * How a {@link TransportClient} invoker sends the calls of one reference. Immutable.
 *
 * @param serializer writes arguments and reads results; must be one the service accepts
 * @param policy what results and exceptions may build (the reference's class allow-list)
 * @param timeoutMillis how long a two-way call waits for its response, from when it is queued on
 *     a connection
 * @param connections connections to each endpoint, shared by every invoker asking for the same
 *     number (1 to 64; {@code ReferenceOptions.connections}), or 0 for the client's
 *     {@link TransportOptions#connectionsPerEndpoint()}
 */
public record CallOptions(Serializer serializer, DeserializationPolicy policy, long timeoutMillis, int connections) {

    public CallOptions {
        Objects.requireNonNull(serializer, "serializer");
        Objects.requireNonNull(policy, "policy");
        Arguments.checkPositive(timeoutMillis, "timeoutMillis");
        Arguments.checkInRange(connections, 0, 64, "connections");
    }

    /** With the client's default number of connections per endpoint. */
    public static CallOptions of(Serializer serializer, DeserializationPolicy policy, long timeoutMillis) {
        return new CallOptions(serializer, policy, timeoutMillis, 0);
    }

    public CallOptions withTimeoutMillis(long timeoutMillis) {
        return new CallOptions(serializer, policy, timeoutMillis, connections);
    }

    public CallOptions withConnections(int connections) {
        return new CallOptions(serializer, policy, timeoutMillis, connections);
    }
}

package io.courier.protocol.frame;

/**
 * A heartbeat ping ({@code response == false}) or its pong. A ping is answered by a pong with the
 * same request id; heartbeats carry no body. Either side may ping.
 *
 * @param requestId chosen by the pinging side; echoed by the pong
 * @param response whether this is the pong
 */
public record Heartbeat(long requestId, boolean response) implements InboundFrame, OutboundFrame {

    public static Heartbeat ping(long requestId) {
        return new Heartbeat(requestId, false);
    }

    /** The answer to this ping. */
    public Heartbeat pong() {
        return new Heartbeat(requestId, true);
    }
}

package io.courier.transport;

/**
 * Read-only gauges of the streams of a {@link TransportServer} or {@link TransportClient}, for
 * metrics and tests. Sampled without locking. Thread-safe.
 */
public interface StreamStats {

    /** Streams open now: opened and not yet ended on the wire (completed, failed or cancelled). */
    int openStreams();

    /**
     * The most bytes one connection ever held for its streams' peer at once: encoded stream frames
     * waiting for the event loop plus what the channel held for the socket, sampled as each frame was
     * queued. With every reader slow this stays near the window times the message size times the
     * streams of the connection; see {@code docs/streaming.md}.
     */
    long peakQueuedBytes();

    /** Stream messages sent since start (each side's own messages, encoded and queued for the peer). */
    long messagesSent();

    /** Payload bytes of the messages sent: each message as serialized, without its frame's 17-byte header. */
    long bytesSent();

    /** Stream messages received from peers since start (read and decoded). */
    long messagesReceived();

    /** Payload bytes of the messages received, counted as for {@link #bytesSent()}. */
    long bytesReceived();
}

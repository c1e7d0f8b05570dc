package io.courier.thrift;

/**
 * The limits of {@link ThriftProtocol}, checked before a byte of a call is read into values.
 *
 * @param maxFrameBytes the largest frame (one message) a caller may send; a larger one ends the connection
 *     before it is buffered
 * @param frameDeadlineMillis how long a frame may take to arrive from its first byte
 * @param maxDepth the deepest nesting of structs, lists and maps a message may have, skipped fields included
 */
public record ThriftOptions(int maxFrameBytes, long frameDeadlineMillis, int maxDepth) {

    /** The defaults: 4 MiB frames, 10 s to send one, 32 levels. */
    public static final ThriftOptions DEFAULTS = new ThriftOptions(4 * 1024 * 1024, 10_000, 32);

    public ThriftOptions {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes: " + maxFrameBytes + " (expected: > 0)");
        }
        if (frameDeadlineMillis <= 0) {
            throw new IllegalArgumentException("frameDeadlineMillis: " + frameDeadlineMillis + " (expected: > 0)");
        }
        if (maxDepth <= 0) {
            throw new IllegalArgumentException("maxDepth: " + maxDepth + " (expected: > 0)");
        }
    }
}

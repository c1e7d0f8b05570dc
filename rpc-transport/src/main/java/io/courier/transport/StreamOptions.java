package io.courier.transport;

import io.courier.api.internal.Arguments;

/**
 * Flow control and limits of streams (see {@code docs/streaming.md}). Immutable.
 *
 * @param window messages a consumer lets the provider send ahead of its subscriber: granted when the
 *     stream opens and topped up as the subscriber takes them (1 to 65,536; default 128). It bounds
 *     what one stream holds on each side to {@code window} messages
 * @param maxStreamsPerConnection streams a server connection keeps open at once (1 to 1,000,000;
 *     default 1,000); an open past it is refused with {@code SERVER_BUSY}, not executed
 */
public record StreamOptions(int window, int maxStreamsPerConnection) {

    private static final StreamOptions DEFAULTS = new StreamOptions(128, 1_000);

    public StreamOptions {
        Arguments.checkInRange(window, 1, 65_536, "streams.window");
        Arguments.checkInRange(maxStreamsPerConnection, 1, 1_000_000, "streams.maxStreamsPerConnection");
    }

    public static StreamOptions defaults() {
        return DEFAULTS;
    }
}

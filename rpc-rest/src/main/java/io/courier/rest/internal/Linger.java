package io.courier.rest.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection after a refusal without losing the refusal: the server stops sending (FIN) and
 * reads on for a moment before it closes. Closing at once with the client's unread bytes in the socket
 * (the rest of a body too large, a header flood) sends a reset, which can destroy the answer before the
 * client reads it.
 */
final class Linger {

    /** How long the refused client may go on sending before the connection is closed. */
    static final long MILLIS = 1_000;

    private Linger() {}

    /** Once {@code written} is flushed, half-closes its channel and closes it {@link #MILLIS} later. */
    static void close(ChannelFuture written) {
        written.addListener(done -> {
            Channel channel = written.channel();
            if (channel instanceof DuplexChannel duplex && channel.isActive()) {
                duplex.shutdownOutput();
                channel.eventLoop().schedule(() -> channel.close(), MILLIS, TimeUnit.MILLISECONDS);
            } else {
                channel.close();
            }
        });
    }
}

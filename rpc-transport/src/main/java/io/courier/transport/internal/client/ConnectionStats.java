package io.courier.transport.internal.client;

import io.courier.transport.TransportStats;
import io.courier.transport.internal.channel.ChannelBytes;
import java.util.Collection;

/** The stats of every connection of one client, counted when asked. */
public final class ConnectionStats implements TransportStats {

    private final Collection<ClientConnection> connections;

    /** Over {@code connections}, a live view: connections come and go. */
    public ConnectionStats(Collection<ClientConnection> connections) {
        this.connections = connections;
    }

    @Override
    public int openConnections() {
        int open = 0;
        for (ClientConnection connection : connections) {
            if (connection.isOpen()) {
                open++;
            }
        }
        return open;
    }

    @Override
    public int inFlight() {
        int total = 0;
        for (ClientConnection connection : connections) {
            total += connection.inFlight().size();
        }
        return total;
    }

    @Override
    public long queuedOutboundBytes() {
        long total = 0;
        for (ClientConnection connection : connections) {
            total += ChannelBytes.queued(connection.channel());
        }
        return total;
    }
}

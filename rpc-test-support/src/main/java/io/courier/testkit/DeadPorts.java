package io.courier.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports on 127.0.0.1 that refuse every connection for as long as this is open: the addresses a dead
 * rack's registrations point at. Each port is bound by a socket that never listens, so a connection
 * attempt is refused, and no server started meanwhile (another test's, on port 0) can be given it.
 * A port bound and then released, the simpler way, may be handed to such a server at once: a
 * "stale" address then accepts connections and answers as something else.
 */
public final class DeadPorts implements AutoCloseable {

    private final List<Socket> sockets;

    private DeadPorts(List<Socket> sockets) {
        this.sockets = sockets;
    }

    /** Binds {@code count} free ports on 127.0.0.1, none of them listening. */
    public static DeadPorts hold(int count) {
        List<Socket> sockets = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                // without SO_REUSEADDR no other socket may bind the port, listening or not
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            }
            return new DeadPorts(sockets);
        } catch (IOException e) {
            closeAll(sockets);
            throw new UncheckedIOException(e);
        }
    }

    /** The held ports, in the order they were bound. */
    public List<Integer> ports() {
        return sockets.stream().map(Socket::getLocalPort).toList();
    }

    /** Releases every port. */
    @Override
    public void close() {
        closeAll(sockets);
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // an unconnected socket's close has nothing to flush; the port is released either way
            }
        }
    }
}

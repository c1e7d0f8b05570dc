package io.courier.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP proxy on 127.0.0.1 that can go silent: {@link #silence()} stops forwarding in both
 * directions without closing any connection, as a network partition does (no FIN, no RST: packets
 * simply stop, and an end of stream is held like any other byte); {@link #heal()} lets the held
 * bytes through again, as TCP's retransmissions would once the path is back. While silent the
 * proxy also stops listening, so a new connection is refused: the nearest a process on one machine
 * gets to a connect that times out, and, like it, a failure before anything was sent. {@link
 * #muteConnections} silences only the connections open now, for good, and keeps accepting: a client
 * that believes its connection up while nothing comes back, which only a new connection cures. Each
 * connection costs two threads; fine for the handful of connections of a test.
 */
public final class SilentProxy implements AutoCloseable {

    private final int port;
    private volatile ServerSocket server;
    private final Object gate = new Object();
    private final List<Socket> sockets = new ArrayList<>(); // guarded by gate
    private volatile int targetPort;
    private boolean silent; // guarded by gate
    private int connections; // guarded by gate: how many were opened, numbering each
    private int mutedBelow; // guarded by gate: connections numbered below it stay silent
    private volatile boolean closed;

    private SilentProxy(ServerSocket server) {
        this.server = server;
        this.port = server.getLocalPort();
    }

    /** A proxy listening on a free port of 127.0.0.1; it forwards once {@link #forwardTo} is called. */
    public static SilentProxy listen() {
        SilentProxy proxy = new SilentProxy(bind(0));
        proxy.startAccepting(proxy.server);
        return proxy;
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startAccepting(ServerSocket listening) {
        daemon("silent-proxy-accept-" + port, () -> acceptLoop(listening));
    }

    /** Forwards connections to {@code port} of 127.0.0.1; returns this. */
    public SilentProxy forwardTo(int port) {
        targetPort = port;
        synchronized (gate) {
            gate.notifyAll();
        }
        return this;
    }

    /** The port the proxy listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Stops forwarding, in both directions, without closing any connection; refuses new ones. */
    public void silence() {
        synchronized (gate) {
            silent = true;
        }
        closeQuietly(server);
    }

    /**
     * Silences, for good, every connection open now, in both directions and without closing it; new
     * connections are accepted and forwarded as before.
     */
    public void muteConnections() {
        synchronized (gate) {
            mutedBelow = connections;
        }
    }

    /** Listens and forwards again, held bytes first. */
    public void heal() {
        ServerSocket listening = bind(port);
        server = listening;
        synchronized (gate) {
            silent = false;
            gate.notifyAll();
        }
        startAccepting(listening);
    }

    private void acceptLoop(ServerSocket listening) {
        while (!closed) {
            Socket downstream;
            try {
                downstream = listening.accept();
            } catch (IOException e) {
                return; // closed: silenced or done
            }
            daemon("silent-proxy-connect-" + port, () -> connect(downstream));
        }
    }

    private void connect(Socket downstream) {
        Socket upstream = null;
        try {
            int number;
            synchronized (gate) {
                number = connections++;
            }
            awaitOpen(number);
            upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            synchronized (gate) {
                sockets.add(downstream);
                sockets.add(upstream);
            }
            Socket up = upstream;
            daemon("silent-proxy-up-" + port, () -> pump(downstream, up, number));
            pump(up, downstream, number);
        } catch (IOException | InterruptedException e) {
            closeQuietly(downstream);
            closeQuietly(upstream);
        }
    }

    /** Copies {@code from} to {@code to}, holding each chunk while silent; passes an end on likewise. */
    private void pump(Socket from, Socket to, int number) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                awaitOpen(number);
                out.write(buffer, 0, read);
                out.flush();
            }
            awaitOpen(number);
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Waits while connection {@code number}'s path is silent (or muted) or has no target yet. */
    private void awaitOpen(int number) throws InterruptedException, IOException {
        synchronized (gate) {
            while ((silent || number < mutedBelow || targetPort == 0) && !closed) {
                gate.wait();
            }
        }
        if (closed) {
            throw new IOException("proxy closed");
        }
    }

    /** Closes every connection and stops listening. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        synchronized (gate) {
            gate.notifyAll();
            sockets.forEach(SilentProxy::closeQuietly);
            sockets.clear();
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is all that is left to do
        }
    }
}

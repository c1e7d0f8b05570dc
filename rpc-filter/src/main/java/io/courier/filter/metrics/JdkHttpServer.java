package io.courier.filter.metrics;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's HTTP server with one daemon thread of its own, so that a request to it never takes a
 * thread from calls: what the Prometheus endpoint and the application's admin endpoint run on.
 * {@link #close()} stops it and its thread.
 */
public final class JdkHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private JdkHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves the paths under {@code context} with {@code handler} on {@code host:port}, on a thread
     * named {@code thread}; other paths are answered 404 by the server.
     *
     * @param what the configuration the address comes from, for the message of a failed bind
     * @throws UncheckedIOException if the address cannot be bound (the message names it)
     */
    public static JdkHttpServer start(
            String host, int port, String thread, String what, String context, HttpHandler handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(what + ": cannot listen on " + host + ":" + port + ": " + e, e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread named = new Thread(runnable, thread);
            named.setDaemon(true);
            return named;
        });
        server.setExecutor(executor);
        server.createContext(context, handler);
        server.start();
        return new JdkHttpServer(server, executor);
    }

    /** The bound address (with the actual port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Whether only this machine can reach it. */
    public boolean loopback() {
        return server.getAddress().getAddress().isLoopbackAddress();
    }

    /** {@code http://host:port}, with an IPv6 host in brackets. */
    public String url() {
        InetSocketAddress address = address();
        String host = address.getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** Stops accepting, closes the connections and ends the thread (waiting up to 5 s for it). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

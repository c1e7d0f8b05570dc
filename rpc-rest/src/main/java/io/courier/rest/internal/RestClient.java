package io.courier.rest.internal;

import io.courier.api.Endpoint;
import io.courier.api.Invoker;
import io.courier.transport.CallOptions;
import io.courier.transport.CallProtocol;
import io.courier.transport.TransportOptions;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Courier's consumer side of REST: calls plain REST servers (any server, not only Courier) that a
 * reference's directory lists, by the JAX-RS annotations of the reference's interface, over the JDK's
 * HTTP/1.1 client with its connection pool, under the reference's filters, cluster, retries and
 * breakers. Its threads are its own, stopped by {@link #close()}. Thread-safe.
 */
public final class RestClient implements CallProtocol {

    private final ExecutorService threads;
    private final HttpClient client;
    private final RestRoutes routes = new RestRoutes();

    /** @param transport the application client's options: the connect timeout */
    public RestClient(TransportOptions transport) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "courier-rest-client-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.threads = Executors.newCachedThreadPool(factory);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(transport.connectTimeoutMillis()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(threads)
                .build();
    }

    @Override
    public Invoker invoker(Endpoint endpoint, CallOptions options, LongSupplier timeoutMillis) {
        return new RestInvoker(client, threads, routes, endpoint, options.policy(), timeoutMillis);
    }

    @Override
    public void closeEndpoint(Endpoint endpoint) {
        // the JDK's pool closes idle connections on its own; it has no way to close one server's
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            // Java 21+: stops the client's selector thread now; on 17 to 20 it ends once the client is unreachable
            HttpClient.class.getMethod("shutdownNow").invoke(client);
        } catch (ReflectiveOperationException e) {
            // an older JDK
        }
    }

    @Override
    public String toString() {
        return "RestClient";
    }
}

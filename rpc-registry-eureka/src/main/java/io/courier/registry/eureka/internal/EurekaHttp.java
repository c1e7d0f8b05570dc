package io.courier.registry.eureka.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The four calls of Eureka's REST API this registry makes, over HTTP/1.1 with the JDK's client:
 *
 * <pre>
 * POST   {base}/apps/{APP}          register (or replace) an instance     204
 * PUT    {base}/apps/{APP}/{id}     renew its lease                       200, 404 if unknown
 * DELETE {base}/apps/{APP}/{id}     cancel it                             200, 404 if unknown
 * GET    {base}/apps                every application and instance, JSON  200
 * </pre>
 *
 * Each call answers the HTTP status, or throws {@link IOException} when the server did not answer
 * within the timeout; every call also tells whether the server answers ({@link #isReachable()}).
 * Thread-safe.
 */
public final class EurekaHttp implements AutoCloseable {

    private final URI base;
    private final Duration timeout;
    private final HttpClient client;
    private volatile boolean reachable;
    private volatile boolean everReachable;

    /** @param executor runs the client's own work; the registry's, so closing it stops the client's threads */
    public EurekaHttp(URI base, long timeoutMillis, Executor executor) {
        this.base = base;
        this.timeout = Duration.ofMillis(timeoutMillis);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .executor(executor)
                .build();
    }

    public URI base() {
        return base;
    }

    /** Whether the server answered this client's last request (with anything but a 5xx). */
    public boolean isReachable() {
        return reachable;
    }

    /** Whether the server ever answered this client. */
    public boolean wasEverReachable() {
        return everReachable;
    }

    public int register(String app, byte[] instanceJson) throws IOException {
        return send(request(app, null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(instanceJson)));
    }

    public int renew(String app, String instanceId) throws IOException {
        return send(request(app, instanceId).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    public int cancel(String app, String instanceId) throws IOException {
        return send(request(app, instanceId).DELETE());
    }

    /** The whole registry as Eureka's JSON; throws if the server answers anything but 200. */
    public byte[] applications() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/apps"))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<byte[]> response = call(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + request.uri() + " answered " + response.statusCode());
        }
        return response.body();
    }

    private HttpRequest.Builder request(String app, String instanceId) {
        String path = base + "/apps/" + encode(app) + (instanceId == null ? "" : "/" + encode(instanceId));
        return HttpRequest.newBuilder(URI.create(path)).timeout(timeout).header("Accept", "application/json");
    }

    private int send(HttpRequest.Builder request) throws IOException {
        return call(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            HttpResponse<T> response = client.send(request, body);
            reachable = response.statusCode() < 500;
            if (reachable) {
                everReachable = true;
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + request.method() + " " + request.uri(), e);
        } catch (IOException e) {
            reachable = false;
            throw e;
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Closes the client's connections where the JDK can (21 and later; on 17 they go with the client). */
    @Override
    public void close() {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing idle connections; nothing to report
            }
        }
    }
}

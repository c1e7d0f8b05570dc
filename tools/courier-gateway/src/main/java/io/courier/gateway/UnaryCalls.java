package io.courier.gateway;

import io.courier.api.GenericService;
import io.courier.api.ServiceKey;
import io.courier.gateway.Problems.Problem;
import io.courier.gateway.grpcweb.BrowserWire;
import io.courier.protocol.json.ServiceMetadata.MethodMetadata;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A unary JSON call, past the checks of its request's head ({@link GatewayHandler}): its route, then
 * the call, made at once on the event loop when the caller and the method's metadata are at hand
 * ({@link ServiceCatalog#ready}), else after a lookup off the IO thread; answered from the thread that
 * completes it. A method that turned out to be a server stream goes to {@link StreamCalls}. Shared by
 * every channel; thread-safe.
 */
final class UnaryCalls {

    private static final AsciiString JSON = AsciiString.cached("application/json");
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final GatewayOptions options;
    private final ServiceCatalog catalog;
    private final GatewayMetrics metrics;
    private final StreamCalls streams;
    private final BiConsumer<Exchange, Problem> answer;
    /** Runs work off the IO thread, on a lookup thread ({@code GatewayHandler}'s). */
    private final BiConsumer<Exchange, Runnable> offload;

    private final RequestPaths.Routes routes = new RequestPaths.Routes();

    UnaryCalls(
            GatewayOptions options,
            ServiceCatalog catalog,
            GatewayMetrics metrics,
            StreamCalls streams,
            BiConsumer<Exchange, Problem> answer,
            BiConsumer<Exchange, Runnable> offload) {
        this.options = options;
        this.catalog = catalog;
        this.metrics = metrics;
        this.streams = streams;
        this.answer = answer;
        this.offload = offload;
    }

    /**
     * Whether a POST with this path and content type is a unary JSON call whose caller and method
     * the gateway has at hand, so that it needs neither a lookup thread nor a stream of its own.
     */
    boolean atHand(CharSequence path, CharSequence contentType, boolean connect) {
        if (contentType == null
                || !AsciiString.regionMatches(contentType, true, 0, JSON, 0, JSON.length())
                || (connect && BrowserWire.of(contentType.toString(), true) != null)) {
            return false;
        }
        RequestPaths.Route route = routes.of(RequestPaths.raw(path.toString()));
        ServiceCatalog.Methods ready = route == null ? null : catalog.ready(route.key(), route.method());
        // what call() would make a stream goes to a stream's channel
        return ready != null && !ServiceCatalog.allStreams(ready.named(route.method()));
    }

    /** A JSON call's {@code POST} past the checks of its head: its path, its body, its headers by lower-case name. */
    void call(Exchange exchange, String rawPath, ByteBuf content, Function<CharSequence, String> headers) {
        RequestPaths.Route route = routes.of(rawPath);
        if (route == null) {
            answer.accept(exchange, Problems.of(HttpResponseStatus.NOT_FOUND, "expected: POST /{service}/{method}"));
            return;
        }
        byte[] body = ByteBufUtil.getBytes(content);
        Map<String, String> attachments =
                CallAttachments.of(headers, options.token().isEmpty());
        boolean events = StreamCalls.wantsEvents(headers.apply(HttpHeaderNames.ACCEPT));
        ServiceKey key = route.key();
        String method = route.method();
        onEventLoop(exchange, () -> {
            ServiceCatalog.Methods ready = catalog.ready(key, method);
            if (ready != null) {
                routes.keep(rawPath, route);
                // the caller and the method's metadata are at hand: no lookup thread, the call
                // starts here on the event loop and is asynchronous from here on
                call(exchange, ready.caller(), method, ready.named(method), body, attachments, events);
            } else {
                offload.accept(exchange, () -> lookUpAndCall(exchange, key, method, body, attachments, events));
            }
        });
    }

    /**
     * Runs {@code work} on the event loop. On HTTP/2 it runs after the frames read with the request were
     * handled (a stream the client reset in the same burst, a rapid reset, is closed by then, and nothing
     * runs for it): at the end of the read on a connection that serves the stream, else in a task.
     */
    private void onEventLoop(Exchange exchange, Runnable work) {
        Runnable unlessReset = () -> {
            if (exchange.active()) {
                work.run();
            } else {
                metrics.resetBeforeCall();
            }
        };
        if (exchange.stream() != null) {
            exchange.stream().afterRead(unlessReset);
        } else if (exchange.ctx().channel() instanceof Http2StreamChannel) {
            exchange.ctx().executor().execute(unlessReset);
        } else {
            work.run();
        }
    }

    /** Off the IO thread: finds the caller and the method's metadata (reading the registry if need be), then calls. */
    private void lookUpAndCall(
            Exchange exchange,
            ServiceKey key,
            String method,
            byte[] body,
            Map<String, String> attachments,
            boolean events) {
        Optional<GenericService> caller = catalog.caller(key);
        if (caller.isEmpty()) {
            answer.accept(exchange, Problems.noSuchService(key));
            return;
        }
        List<MethodMetadata> named = catalog.named(key, method);
        if (named != null && named.isEmpty()) {
            answer.accept(exchange, Problems.noSuchMethod(key, method));
            return;
        }
        call(exchange, caller.get(), method, named, body, attachments, events);
    }

    /**
     * Calls {@code method} (whose metadata is {@code named}, or {@code null} when the registry has
     * none) and answers when the call completes, from the thread that completes it. Never blocks.
     */
    private void call(
            Exchange exchange,
            GenericService caller,
            String method,
            List<MethodMetadata> named,
            byte[] body,
            Map<String, String> attachments,
            boolean events) {
        if (ServiceCatalog.allStreams(named)) {
            if (exchange.stream() != null) {
                // the method became a stream since the request's head was read: rare, and retried
                answer.accept(
                        exchange, Problems.of(HttpResponseStatus.SERVICE_UNAVAILABLE, method + " changed: retry"));
            } else if (named.stream().anyMatch(m -> m.streamParameter() >= 0)) {
                answer.accept(
                        exchange,
                        Problems.of(
                                HttpResponseStatus.BAD_REQUEST,
                                method
                                        + " takes the client's messages: open it as a WebSocket (GET, Upgrade: websocket)"));
            } else {
                String arguments = new String(body, StandardCharsets.UTF_8);
                streams.serverStream(exchange, caller, method, arguments, attachments, events);
            }
            return;
        }
        invoke(exchange, caller, method, body, attachments, false);
    }

    /**
     * Calls {@code method} with the JSON {@code arguments} and answers when the call completes, from the
     * thread that completes it: {@code 200} with the JSON result, or the failure's problem; a {@code null}
     * result is {@code 204} without a body when {@code noContentForNull} (REST's answer). Never blocks.
     */
    void invoke(
            Exchange exchange,
            GenericService caller,
            String method,
            byte[] arguments,
            Map<String, String> attachments,
            boolean noContentForNull) {
        long started = System.nanoTime();
        CompletableFuture<byte[]> invocation = caller.invokeUtf8(method, arguments, attachments);
        // the client went away (an HTTP/2 reset, a closed connection): the call is cancelled
        Runnable forget = exchange.onGone(() -> invocation.cancel(false));
        BiConsumer<byte[], Throwable> reply = (result, failure) -> {
            forget.run();
            metrics.called(System.nanoTime() - started);
            if (invocation.isCancelled()) {
                metrics.cancelledCall();
                return;
            }
            if (failure != null) {
                answer.accept(exchange, Problems.ofFailure(failure));
            } else if (noContentForNull && Arrays.equals(result, NULL)) {
                metrics.answered(204);
                exchange.write(Responses.noContent(), options.corsOrigins());
                GatewayHandler.logAccess(exchange, 204, 0);
            } else {
                metrics.answered(200);
                exchange.writeJsonOk(result, options.corsOrigins());
                GatewayHandler.logAccess(exchange, 200, result.length);
            }
        };
        // written at once where the answer completes on the channel's own loop (a consumer on the
        // gateway's loops, Gateway's javadoc); from another thread, in one task on that loop
        invocation.whenComplete((result, failure) -> {
            if (exchange.ctx().executor().inEventLoop()) {
                reply.accept(result, failure);
            } else {
                exchange.ctx().executor().execute(() -> reply.accept(result, failure));
            }
        });
    }
}

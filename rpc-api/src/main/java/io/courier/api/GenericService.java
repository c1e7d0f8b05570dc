package io.courier.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Calls any method of one service by name with JSON arguments, without the service's classes on
 * the caller's class path: what the service's providers published as metadata tells the caller
 * the methods, parameter names and types. A call goes through the same consumer filters, cluster
 * and transport as a call through a proxy (routing, retries, circuit breaker, tracing, metrics and
 * limits all apply) and travels in the {@code json} serializer; the provider reads the JSON into
 * the declared parameter types under its allow-list and limits.
 *
 * <p>Thread-safe. Get one from the application ({@code Courier.generic(serviceKey)}); it lives as
 * long as the application.
 */
public interface GenericService {

    /** The service this calls. */
    ServiceKey serviceKey();

    /** The names of the methods this can call (from the metadata it was made from); unmodifiable. */
    Set<String> methodNames();

    /**
     * Calls {@code method} with {@code arguments}: a JSON array (by position) or a JSON object (by
     * parameter name; a missing parameter is {@code null}). When several methods share the name, the
     * one with as many parameters as given is called.
     *
     * <p>Never throws. The future completes with the result as JSON text ({@code null} for a {@code
     * void} or oneway method), or exceptionally with: an {@link RpcException} of {@link
     * ErrorCode#BAD_REQUEST} naming the parameter when the method is unknown or the arguments do not
     * fit it (the call is not sent); another {@link RpcException} for a framework failure; the
     * provider's business exception, usually as a {@link RemoteException} with its class name and
     * message.
     *
     * <p>Cancelling the future cancels the call: one not yet sent is not sent, one sent is cancelled on
     * the wire where the transport can.
     *
     * @param attachments sent with the call (trace context, auth token, tag); not changed
     */
    CompletableFuture<String> invoke(String method, String arguments, Map<String, String> attachments);

    /**
     * {@link #invoke} with the arguments and the result as UTF-8 encoded JSON: for a caller that reads
     * and writes bytes (an HTTP edge), which then needs no text in between. The arguments, the errors,
     * the limits and cancelling are as for {@link #invoke}; arguments that are not valid UTF-8 are
     * malformed JSON.
     *
     * <p>Never throws. The default decodes the arguments, calls {@link #invoke} and encodes its result;
     * an implementation may read the bytes and write the result's bytes directly.
     *
     * @param arguments the arguments' JSON as UTF-8; not changed, and not read after this returns
     * @param attachments sent with the call (trace context, auth token, tag); not changed
     * @return the result's JSON as UTF-8 in an array the caller owns ({@code null} where {@link
     *     #invoke}'s result is {@code null})
     */
    default CompletableFuture<byte[]> invokeUtf8(String method, byte[] arguments, Map<String, String> attachments) {
        CompletableFuture<String> text =
                invoke(method, arguments == null ? null : new String(arguments, StandardCharsets.UTF_8), attachments);
        CompletableFuture<byte[]> bytes =
                text.thenApply(json -> json == null ? null : json.getBytes(StandardCharsets.UTF_8));
        bytes.whenComplete((json, failure) -> {
            if (bytes.isCancelled()) {
                text.cancel(false);
            }
        });
        return bytes;
    }

    /**
     * Opens a stream of {@code method}, one whose metadata says it streams (see {@code
     * docs/streaming.md}): a server stream, a client stream or a bidirectional one. {@code arguments}
     * are the other parameters, as for {@link #invoke} (the stream parameter is left out of the
     * array or object); {@code messages} are the caller's messages of a client or bidirectional
     * stream, each one JSON value as text, asked for only as the provider grants credit.
     *
     * <p>Never throws. The future completes once the stream is open with a publisher that may be
     * subscribed once: the provider's messages as JSON text for a server or bidirectional stream, the
     * one answer for a client stream, then completion; its {@code request(n)} is the stream's flow
     * control, so a slow subscriber slows the provider. A failure after the open (the provider's
     * error, a caller's message that is not JSON within the limits, {@link ErrorCode#BAD_REQUEST})
     * reaches the subscriber's {@code onError} as an {@link RpcException}. The future fails, with
     * nothing sent, as {@link #invoke} does for an unknown method or arguments that do not fit, and
     * with {@link ErrorCode#BAD_REQUEST} when the method is not a stream, or {@code messages} is
     * {@code null} for a method that takes the caller's messages.
     *
     * @param messages the caller's messages; ignored (may be {@code null}) for a server stream
     * @param attachments sent with the stream's open (trace context, auth token, tag); not changed
     */
    CompletableFuture<Flow.Publisher<String>> openStream(
            String method, String arguments, Flow.Publisher<String> messages, Map<String, String> attachments);
}

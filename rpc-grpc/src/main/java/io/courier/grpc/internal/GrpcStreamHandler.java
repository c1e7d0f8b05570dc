package io.courier.grpc.internal;

import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceKey;
import io.courier.grpc.GrpcNames;
import io.courier.grpc.GrpcOptions;
import io.courier.grpc.GrpcStatus;
import io.courier.grpc.internal.wire.GrpcTimeout;
import io.courier.grpc.internal.wire.MessageDeframer;
import io.courier.grpc.internal.wire.Metadata;
import io.courier.transport.CallCallback;
import io.courier.transport.PortConnection;
import io.courier.transport.ProviderCall;
import io.courier.transport.ServiceExport;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC call: the listener of its HTTP/2 stream, on the connection's event loop. Its headers name the service
 * and method, its metadata become the call's attachments and {@code grpc-timeout} its deadline; its
 * messages become the call's argument (or the publisher a stream method reads); the call runs through
 * {@link PortConnection#submit}; the answer goes back as headers, messages and trailers with {@code
 * grpc-status}. A reset stream, or a deadline that passes, cancels the call (a call that has not
 * started never runs) and the publisher it returned.
 */
final class GrpcStreamHandler implements StreamListener, GrpcAnswer.Call {

    private final PortConnection connection;
    private final GrpcOptions options;
    private final GrpcServices services;
    private final Set<HealthStreamHandler> watches;
    private final GrpcStream stream;
    private final GrpcResponse response;
    private GrpcMethod method;
    private ServiceExport service;
    private Map<String, String> attachments;
    private long deadlineNanos = -1;
    private MessageDeframer deframer;
    private Object request;
    private InboundMessages inbound;
    private ProviderCall call;
    private ScheduledFuture<?> deadline;
    private final GrpcAnswer answer;
    /** Whether the request side has ended (half-close) or the call has been refused. */
    private boolean inputDone;

    private boolean ended;

    /** @param watches the connection's health watches, told when the server goes away */
    GrpcStreamHandler(
            PortConnection connection,
            GrpcOptions options,
            GrpcServices services,
            Set<HealthStreamHandler> watches,
            GrpcStream stream) {
        this.connection = connection;
        this.options = options;
        this.services = services;
        this.watches = watches;
        this.stream = stream;
        this.response = new GrpcResponse(stream);
        this.answer = new GrpcAnswer(stream, response, this);
    }

    @Override
    public void headers(Http2Headers headers, boolean endStream) {
        if (method == null && !ended) {
            onHeaders(headers, endStream);
        } else if (endStream) {
            // the caller's trailers end its side
            endOfInput();
        }
    }

    @Override
    public void data(ByteBuf data, boolean endStream) {
        onData(data, endStream);
    }

    @Override
    public void reset() {
        onReset("the caller reset the stream");
    }

    @Override
    public void closed() {
        onReset("the stream closed");
        release();
    }

    @Override
    public void writable() {
        answer.requestMore();
    }

    @Override
    public void failed(GrpcStream failed, Throwable cause) {
        finish(GrpcStatus.INTERNAL, "stream failed");
    }

    private void onHeaders(Http2Headers headers, boolean endStream) {
        CharSequence contentType = headers.get("content-type");
        if (contentType == null || !contentType.toString().startsWith("application/grpc")) {
            response.unsupportedMediaType();
            ended = true;
            return;
        }
        if (!"POST".contentEquals(headers.method())) {
            finish(GrpcStatus.UNIMPLEMENTED, "method " + headers.method() + " (expected: POST)");
            return;
        }
        String path = headers.path() == null ? "" : headers.path().toString();
        int slash = path.lastIndexOf('/');
        if (!path.startsWith("/") || slash <= 1) {
            finish(GrpcStatus.UNIMPLEMENTED, "path '" + path + "' (expected: /service/Method)");
            return;
        }
        String serviceName = path.substring(1, slash);
        String methodName = path.substring(slash + 1);
        if (handedOver(serviceName, methodName, endStream)) {
            return;
        }
        GrpcMethod found = resolve(headers, serviceName, methodName);
        if (found == null) {
            return;
        }
        CharSequence encoding = headers.get("grpc-encoding");
        boolean gzip = encoding != null && "gzip".contentEquals(encoding);
        if (encoding != null && !gzip && !"identity".contentEquals(encoding)) {
            response.acceptEncoding();
            finish(GrpcStatus.UNIMPLEMENTED, "grpc-encoding " + encoding + " (expected: gzip or identity)");
            return;
        }
        try {
            long timeout = GrpcTimeout.parseNanos(headers.get("grpc-timeout"));
            if (timeout >= 0) {
                deadlineNanos = System.nanoTime() + timeout;
                deadline = stream.executor().schedule(this::deadlinePassed, timeout, TimeUnit.NANOSECONDS);
            }
        } catch (IllegalArgumentException e) {
            finish(GrpcStatus.INTERNAL, e.getMessage());
            return;
        }
        method = found;
        deframer = new MessageDeframer(stream.alloc(), options.maxMessageBytes(), gzip);
        if (method.kind().clientStreams()) {
            inbound = new InboundMessages(stream);
            start(inbound);
        }
        if (endStream) {
            endOfInput();
        }
    }

    /** Whether the server's own reflection or health service took the stream over. */
    private boolean handedOver(String serviceName, String methodName, boolean endStream) {
        if ((ReflectionStreamHandler.V1.equals(serviceName) || ReflectionStreamHandler.V1_ALPHA.equals(serviceName))
                && "ServerReflectionInfo".equals(methodName)
                && !endStream) {
            stream.listener(new ReflectionStreamHandler(connection, services, response, stream));
            response.headers();
            ended = true;
            return true;
        }
        if (HealthStreamHandler.SERVICE.equals(serviceName)
                && ("Check".equals(methodName) || "Watch".equals(methodName))
                && !endStream) {
            // the health service is the server's own: the stream's handler becomes its
            stream.listener(new HealthStreamHandler(
                    connection, services, "Watch".equals(methodName), watches, response, stream));
            ended = true;
            return true;
        }
        return false;
    }

    /** The method the headers name, with the call's attachments and service set; null once refused. */
    private GrpcMethod resolve(Http2Headers headers, String serviceName, String methodName) {
        attachments = Metadata.attachments(headers);
        ServiceKey key;
        try {
            key = new ServiceKey(
                    attachments.getOrDefault(GrpcNames.GROUP_METADATA, ""),
                    serviceName,
                    attachments.getOrDefault(GrpcNames.VERSION_METADATA, ""));
        } catch (IllegalArgumentException e) {
            finish(GrpcStatus.UNIMPLEMENTED, "unknown service " + serviceName);
            return null;
        }
        service = services.find(connection, serviceName, key);
        if (service == null) {
            finish(GrpcStatus.UNIMPLEMENTED, "unknown service " + key);
            return null;
        }
        GrpcMethod found = services.method(service, methodName);
        if (found == null) {
            finish(GrpcStatus.UNIMPLEMENTED, "unknown method " + methodName + " of service " + key);
            return null;
        }
        if (found.unsupported() != null) {
            finish(GrpcStatus.UNIMPLEMENTED, found.unsupported());
            return null;
        }
        return found;
    }

    private void onData(ByteBuf data, boolean endStream) {
        if (method == null || ended || inputDone) {
            return;
        }
        try {
            deframer.add(data, this::onMessage);
        } catch (MessageDeframer.StatusException e) {
            failRequest(e.status, e.getMessage());
            return;
        }
        if (endStream) {
            endOfInput();
        }
    }

    private void onMessage(byte[] bytes) throws MessageDeframer.StatusException {
        Object message;
        try {
            message = method.request().read(bytes);
        } catch (Exception e) {
            // the caller's bytes are wrong, not the server: INVALID_ARGUMENT (Courier's BAD_REQUEST, never retried)
            throw new MessageDeframer.StatusException(
                    GrpcStatus.INVALID_ARGUMENT,
                    "request message is not a " + method.request() + ": " + e.getMessage());
        }
        if (inbound != null) {
            inbound.push(message);
        } else if (request != null) {
            throw new MessageDeframer.StatusException(
                    GrpcStatus.UNIMPLEMENTED, "a second request message for a unary request");
        } else {
            request = message;
        }
    }

    private void endOfInput() {
        if (inputDone || ended || method == null) {
            return;
        }
        inputDone = true;
        if (deframer.partial()) {
            failRequest(GrpcStatus.INTERNAL, "the request ended inside a message");
            return;
        }
        if (inbound != null) {
            inbound.complete();
        } else if (request == null) {
            finish(GrpcStatus.UNIMPLEMENTED, "no request message");
        } else {
            start(request);
        }
    }

    private void start(Object argument) {
        Invocation invocation = Invocation.of(service.key(), method.descriptor(), method.arguments(argument))
                .withAttachments(attachments);
        Invocation timed = deadlineNanos >= 0 ? invocation.withDeadlineNanos(deadlineNanos) : invocation;
        call = connection.submit(service, method.descriptor(), () -> timed, new CallCallback() {
            @Override
            public void onResult(RpcResult result) {
                onStreamLoop(() -> answer.answered(method, result));
            }

            @Override
            public void onFailure(RpcException failure) {
                onStreamLoop(() -> finish(GrpcStatus.of(failure), failure.getMessage()));
            }
        });
    }

    /** Runs {@code task} on the stream's event loop: at once when already there (a call run inline). */
    private void onStreamLoop(Runnable task) {
        if (stream.executor().inEventLoop()) {
            task.run();
        } else {
            stream.executor().execute(task);
        }
    }

    private void deadlinePassed() {
        if (ended) {
            return;
        }
        cancelCall(new java.util.concurrent.CancellationException("deadline exceeded"));
        finish(GrpcStatus.DEADLINE_EXCEEDED, "deadline exceeded");
    }

    /** A request that cannot be read: the call ends with {@code status}, and a started one is cancelled. */
    private void failRequest(GrpcStatus status, String message) {
        inputDone = true;
        cancelCall(new java.util.concurrent.CancellationException(message));
        finish(status, message);
    }

    private void onReset(String why) {
        if (ended) {
            return;
        }
        ended = true;
        cancelCall(new java.util.concurrent.CancellationException(why));
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    private void cancelCall(Throwable reason) {
        if (call != null) {
            call.cancel();
        }
        if (inbound != null) {
            inbound.fail(reason);
        }
        answer.cancel();
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public void finish(GrpcStatus status, String message) {
        finish(status, message, Map.of());
    }

    @Override
    public void finish(GrpcStatus status, String message, Map<String, String> trailers) {
        if (ended) {
            return;
        }
        ended = true;
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (status != GrpcStatus.OK) {
            cancelCall(new java.util.concurrent.CancellationException(message));
        }
        response.trailers(status, message, trailers);
    }

    private void release() {
        if (deframer != null) {
            deframer.release();
            deframer = null;
        }
    }
}

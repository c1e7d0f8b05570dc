package io.courier.grpc.internal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.courier.api.ServiceKey;
import io.courier.grpc.GrpcStatus;
import io.courier.grpc.internal.wire.MessageDeframer;
import io.courier.transport.PortConnection;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code grpc.health.v1.Health} on one stream: {@code Check} answers at once, {@code Watch} answers the
 * status now and again whenever it changes. The server ({@code ""}) is {@code SERVING} until it starts
 * its graceful close, then {@code NOT_SERVING}; a named service (its service key, as {@link
 * io.courier.grpc.GrpcNames} names it) is {@code SERVING} while it is exported on the port, and an
 * unknown one is {@code NOT_FOUND} to {@code Check} and {@code SERVICE_UNKNOWN} to {@code Watch}. A
 * watch ends with {@code UNAVAILABLE} when the server goes away, so the graceful close does not wait
 * for it. The messages are two fields in all, read and written here with protobuf's own streams.
 */
final class HealthStreamHandler implements StreamListener {

    /** The health service's gRPC name. */
    static final String SERVICE = "grpc.health.v1.Health";

    private static final int SERVING = 1;
    private static final int NOT_SERVING = 2;
    private static final int SERVICE_UNKNOWN = 3;
    private static final long WATCH_POLL_MILLIS = 500;

    private final PortConnection connection;
    private final GrpcServices services;
    private final boolean watch;
    private final Set<HealthStreamHandler> watches;
    private final GrpcResponse response;
    private final GrpcStream stream;
    private final MessageDeframer deframer;
    private String service;
    private int sent = -1;
    private ScheduledFuture<?> poll;
    private boolean ended;

    HealthStreamHandler(
            PortConnection connection,
            GrpcServices services,
            boolean watch,
            Set<HealthStreamHandler> watches,
            GrpcResponse response,
            GrpcStream stream) {
        this.connection = connection;
        this.services = services;
        this.watch = watch;
        this.watches = watches;
        this.response = response;
        this.stream = stream;
        this.deframer = new MessageDeframer(stream.alloc(), 1024, false);
    }

    @Override
    public void headers(Http2Headers headers, boolean endStream) {
        // the caller's trailers: its request has arrived or never will
    }

    @Override
    public void data(ByteBuf data, boolean endStream) {
        if (service != null || ended) {
            return;
        }
        try {
            deframer.add(data, this::request);
        } catch (MessageDeframer.StatusException e) {
            end(e.status, e.getMessage());
        }
    }

    @Override
    public void reset() {
        stop();
    }

    @Override
    public void closed() {
        stop();
        deframer.release();
    }

    private void request(byte[] bytes) throws MessageDeframer.StatusException {
        String name = "";
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == (1 << 3 | 2)) {
                    name = in.readStringRequireUtf8();
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new MessageDeframer.StatusException(
                    GrpcStatus.INTERNAL, "not a HealthCheckRequest: " + e.getMessage());
        }
        service = name;
        int status = status();
        if (!watch) {
            if (status == SERVICE_UNKNOWN) {
                end(GrpcStatus.NOT_FOUND, "unknown service " + name);
                return;
            }
            response.message(encode(status));
            end(GrpcStatus.OK, null);
            return;
        }
        watches.add(this);
        sendIfChanged();
        poll = stream.executor()
                .scheduleWithFixedDelay(
                        this::sendIfChanged, WATCH_POLL_MILLIS, WATCH_POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The server started its graceful close: a watch says so and ends. Any thread. */
    void goingAway() {
        stream.executor().execute(() -> {
            if (!ended && service != null) {
                sendIfChanged();
                end(GrpcStatus.UNAVAILABLE, "the server is going away");
            }
        });
    }

    private void sendIfChanged() {
        int status = status();
        if (!ended && status != sent) {
            sent = status;
            response.message(encode(status));
        }
    }

    private int status() {
        if (connection.draining()) {
            return NOT_SERVING;
        }
        if (service.isEmpty()) {
            return SERVING;
        }
        ServiceKey key;
        try {
            key = ServiceKey.parse(service);
        } catch (IllegalArgumentException e) {
            return SERVICE_UNKNOWN;
        }
        return services.find(connection, key.interfaceName(), key) != null ? SERVING : SERVICE_UNKNOWN;
    }

    private void end(GrpcStatus status, String message) {
        if (ended) {
            return;
        }
        stop();
        response.trailers(status, message, Map.of());
    }

    private void stop() {
        ended = true;
        watches.remove(this);
        if (poll != null) {
            poll.cancel(false);
        }
    }

    private static byte[] encode(int status) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeEnum(1, status);
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}

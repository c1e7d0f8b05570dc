package io.courier.gateway;

import io.courier.gateway.grpcweb.BrowserWire;
import io.courier.gateway.grpcweb.ConnectJson;
import io.courier.gateway.grpcweb.GrpcUpstream;
import io.courier.grpc.GrpcStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.nio.charset.StandardCharsets;

/** One call's answer to the browser: streamed as frames arrive, or (Connect unary) whole. */
final class BrowserAnswer implements GrpcUpstream.Listener {

    /** The response headers a page's script may read. */
    static final String EXPOSED_HEADERS = "Grpc-Status, Grpc-Message, Grpc-Status-Details-Bin";

    private final Exchange exchange;
    private final BrowserWire wire;
    private final GatewayOptions options;
    private final GatewayMetrics metrics;
    private final CompositeByteBuf unary;
    /** Bytes of a streamed JSON answer not yet a whole message. */
    private final CompositeByteBuf pending = Unpooled.compositeBuffer();

    private boolean started;
    private boolean done;
    /** Whether the answer lists the encodings served (a request's encoding was not one). */
    private boolean acceptEncoding;
    /** The response type, when the answer is Connect JSON. */
    private com.google.protobuf.Descriptors.Descriptor jsonOutput;

    BrowserAnswer(Exchange exchange, BrowserWire wire, GatewayOptions options, GatewayMetrics metrics) {
        this.exchange = exchange;
        this.options = options;
        this.metrics = metrics;
        this.wire = wire;
        this.unary = wire.unary() ? Unpooled.compositeBuffer() : null;
    }

    Exchange exchange() {
        return exchange;
    }

    BrowserWire wire() {
        return wire;
    }

    /** The answer's message is turned into Connect JSON of {@code type}. */
    void answerAsJson(com.google.protobuf.Descriptors.Descriptor type) {
        jsonOutput = type;
    }

    @Override
    public void headers(Http2Headers headers) {
        start();
    }

    @Override
    public void data(ByteBuf data) {
        if (done) {
            data.release();
            return;
        }
        if (unary != null) {
            unary.addComponent(true, data);
            if (unary.readableBytes() > options.maxBodyBytes()) {
                exchange.ctx().channel().close();
            }
            return;
        }
        start();
        if (jsonOutput == null) {
            exchange.ctx().writeAndFlush(new DefaultHttpContent(wire.response(data)));
            return;
        }
        pending.addComponent(true, data);
        while (!done
                && pending.readableBytes() >= 5
                && pending.readableBytes() >= 5 + pending.getInt(pending.readerIndex() + 1)) {
            pending.skipBytes(1);
            byte[] message = new byte[pending.readInt()];
            pending.readBytes(message);
            try {
                byte[] json = ConnectJson.toJson(jsonOutput, message).getBytes(StandardCharsets.UTF_8);
                exchange.ctx()
                        .writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(BrowserWire.frame(0, json))));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                finish(GrpcStatus.INTERNAL, "the provider's message is not its response message: " + e.getMessage());
            }
        }
        pending.discardReadComponents();
    }

    @Override
    public void end(Http2Headers trailers) {
        CharSequence code = trailers.get("grpc-status");
        GrpcStatus status = code == null ? GrpcStatus.INTERNAL : statusOf(code.toString());
        CharSequence message = trailers.get("grpc-message");
        String text = message == null
                ? ""
                : QueryStringDecoder.decodeComponent(message.toString().replace("+", "%2B"));
        if (code == null) {
            text = "the provider's answer had no grpc-status";
        }
        finish(status, text);
    }

    @Override
    public void failed(Throwable cause) {
        finish(GrpcStatus.UNAVAILABLE, "the provider's stream failed: " + cause.getMessage());
    }

    void fail(GrpcStatus status, String message) {
        finish(status, message);
    }

    /** Answers a refused compression; an unserved encoding's answer lists those served. */
    void refuse(BrowserWire.Encoding.Refused refused) {
        acceptEncoding = refused.status() == GrpcStatus.UNIMPLEMENTED;
        finish(refused.status(), refused.getMessage());
    }

    private void start() {
        if (started || unary != null) {
            return;
        }
        started = true;
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, wire.contentType());
        HttpUtil.setTransferEncodingChunked(response, true);
        decorate(response.headers());
        metrics.answered(200);
        exchange.ctx().writeAndFlush(response);
    }

    private void finish(GrpcStatus status, String message) {
        if (done) {
            return;
        }
        done = true;
        pending.release();
        if (unary != null) {
            finishUnary(status, message);
            return;
        }
        start();
        var written = exchange.ctx().writeAndFlush(new DefaultLastHttpContent(wire.endFrame(status, message)));
        if (!exchange.keepAlive()) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void finishUnary(GrpcStatus status, String message) {
        FullHttpResponse response = null;
        if (status == GrpcStatus.OK && unary.readableBytes() >= 5) {
            unary.skipBytes(5);
            byte[] bytes = ByteBufUtil.getBytes(unary);
            try {
                bytes = jsonOutput == null
                        ? bytes
                        : ConnectJson.toJson(jsonOutput, bytes).getBytes(StandardCharsets.UTF_8);
                response = new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(bytes));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, wire.contentType());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                status = GrpcStatus.INTERNAL;
                message = "the provider's answer is not its response message: " + e.getMessage();
            }
        }
        if (response == null) {
            GrpcStatus failed = status == GrpcStatus.OK ? GrpcStatus.INTERNAL : status;
            String text = status == GrpcStatus.OK ? "the provider answered no message" : message;
            byte[] json = BrowserWire.connectError(failed, text).getBytes(StandardCharsets.UTF_8);
            response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, BrowserWire.connectHttpStatus(failed), Unpooled.wrappedBuffer(json));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        }
        unary.release();
        response.headers()
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        decorate(response.headers());
        metrics.answered(response.status().code());
        var written = exchange.ctx().writeAndFlush(response);
        if (!exchange.keepAlive()) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void decorate(HttpHeaders headers) {
        Responses.secure(headers);
        Responses.cors(headers, exchange.origin(), options.corsOrigins());
        if (acceptEncoding) {
            headers.set(BrowserWire.Encoding.acceptHeader(wire), BrowserWire.Encoding.ACCEPTED);
        }
        if (headers.contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
    }

    private static GrpcStatus statusOf(String code) {
        try {
            return GrpcStatus.ofCode(Integer.parseInt(code.trim()));
        } catch (NumberFormatException e) {
            return GrpcStatus.UNKNOWN;
        }
    }
}

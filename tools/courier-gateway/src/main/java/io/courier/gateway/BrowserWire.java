package io.courier.gateway;

import io.courier.grpc.GrpcStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The browser protocols the gateway translates to gRPC, chosen by the request's {@code Content-Type},
 * and their byte-level differences from gRPC: gRPC-Web's trailers as a last frame (flag {@code 0x80}),
 * gRPC-Web-text's base64, Connect's unenveloped unary messages, its end-of-stream frame (flag {@code
 * 0x02}) and its JSON errors with gRPC's status names in snake_case.
 */
enum BrowserWire {
    /** {@code application/grpc-web} and {@code application/grpc-web+proto}. */
    GRPC_WEB("application/grpc-web+proto"),
    /** {@code application/grpc-web-text}: gRPC-Web in base64. */
    GRPC_WEB_TEXT("application/grpc-web-text+proto"),
    /** Connect unary, {@code application/proto}: the bare message each way. */
    CONNECT_UNARY("application/proto"),
    /** Connect unary, {@code application/json}: the message in proto3's JSON, converted on the provider's schema. */
    CONNECT_JSON("application/json"),
    /** Connect streaming, {@code application/connect+proto}: enveloped messages, an end-of-stream frame. */
    CONNECT_STREAM("application/connect+proto"),
    /** Connect streaming in JSON, {@code application/connect+json}: each message converted on the provider's schema. */
    CONNECT_STREAM_JSON("application/connect+json");

    private final String contentType;

    BrowserWire(String contentType) {
        this.contentType = contentType;
    }

    /** The content type of the responses. */
    String contentType() {
        return contentType;
    }

    /**
     * The wire of a request's {@code Content-Type}, or {@code null} when it is none of these; JSON is
     * Connect's only with its {@code Connect-Protocol-Version} header (else it is the gateway's JSON call).
     */
    static BrowserWire of(String contentType, boolean connect) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        type = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        return switch (type) {
            case "application/grpc-web", "application/grpc-web+proto" -> GRPC_WEB;
            case "application/grpc-web-text", "application/grpc-web-text+proto" -> GRPC_WEB_TEXT;
            case "application/proto" -> CONNECT_UNARY;
            case "application/json" -> connect ? CONNECT_JSON : null;
            case "application/connect+proto" -> CONNECT_STREAM;
            case "application/connect+json" -> CONNECT_STREAM_JSON;
            default -> null;
        };
    }

    /** Whether the answer is one whole message (Connect unary), not a stream of frames. */
    boolean unary() {
        return this == CONNECT_UNARY || this == CONNECT_JSON;
    }

    /** Whether messages are Connect JSON, converted on the provider's schema. */
    boolean json() {
        return this == CONNECT_JSON || this == CONNECT_STREAM_JSON;
    }

    boolean grpcWeb() {
        return this == GRPC_WEB || this == GRPC_WEB_TEXT;
    }

    /**
     * The gRPC request body of {@code body}: the base64 of gRPC-Web-text decoded, a Connect unary
     * message enveloped; the others are already gRPC frames.
     *
     * @throws IllegalArgumentException when gRPC-Web-text's body is not base64
     */
    ByteBuf request(byte[] body) {
        return switch (this) {
            case GRPC_WEB_TEXT -> Unpooled.wrappedBuffer(decodeBase64(body));
            case CONNECT_UNARY, CONNECT_JSON, CONNECT_STREAM_JSON -> Unpooled.wrappedBuffer(frame(0, body));
            default -> Unpooled.wrappedBuffer(body);
        };
    }

    /** Response bytes as this wire sends them: base64 for gRPC-Web-text, else unchanged. */
    ByteBuf response(ByteBuf grpcBytes) {
        if (this != GRPC_WEB_TEXT) {
            return grpcBytes;
        }
        byte[] bytes = new byte[grpcBytes.readableBytes()];
        grpcBytes.readBytes(bytes);
        grpcBytes.release();
        return Unpooled.wrappedBuffer(Base64.getEncoder().encode(bytes));
    }

    /** The last frame of a streamed answer: gRPC-Web's trailers frame or Connect's end-of-stream frame. */
    ByteBuf endFrame(GrpcStatus status, String message) {
        if (grpcWeb()) {
            String trailers = "grpc-status:" + status.code() + "\r\n"
                    + (message.isEmpty() ? "" : "grpc-message:" + percentEncode(message) + "\r\n");
            return response(Unpooled.wrappedBuffer(frame(0x80, trailers.getBytes(StandardCharsets.UTF_8))));
        }
        String json = status == GrpcStatus.OK ? "{}" : "{\"error\":" + connectError(status, message) + "}";
        return Unpooled.wrappedBuffer(frame(0x02, json.getBytes(StandardCharsets.UTF_8)));
    }

    /** A message in gRPC's 5-byte envelope: flags, then the length big-endian. */
    static byte[] frame(int flags, byte[] message) {
        byte[] framed = new byte[5 + message.length];
        framed[0] = (byte) flags;
        framed[1] = (byte) (message.length >>> 24);
        framed[2] = (byte) (message.length >>> 16);
        framed[3] = (byte) (message.length >>> 8);
        framed[4] = (byte) message.length;
        System.arraycopy(message, 0, framed, 5, message.length);
        return framed;
    }

    /** Connect's error object: {@code {"code":"not_found","message":"..."}}. */
    static String connectError(GrpcStatus status, String message) {
        return "{\"code\":\"" + connectCode(status) + "\",\"message\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(message).toString() + "}";
    }

    /** Connect's name of {@code status}: gRPC's in snake_case, {@code canceled} with one l. */
    static String connectCode(GrpcStatus status) {
        return status == GrpcStatus.CANCELLED ? "canceled" : status.name().toLowerCase(Locale.ROOT);
    }

    /** The HTTP status of a Connect unary error, as the Connect protocol maps the codes. */
    static HttpResponseStatus connectHttpStatus(GrpcStatus status) {
        int code =
                switch (status) {
                    case OK -> 200;
                    case CANCELLED -> 499;
                    case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
                    case DEADLINE_EXCEEDED -> 504;
                    case NOT_FOUND -> 404;
                    case ALREADY_EXISTS, ABORTED -> 409;
                    case PERMISSION_DENIED -> 403;
                    case RESOURCE_EXHAUSTED -> 429;
                    case UNIMPLEMENTED -> 501;
                    case UNAVAILABLE -> 503;
                    case UNAUTHENTICATED -> 401;
                    case UNKNOWN, INTERNAL, DATA_LOSS -> 500;
                };
        return HttpResponseStatus.valueOf(code);
    }

    /** gRPC's {@code grpc-message} encoding: percent-encoded UTF-8 outside printable ASCII and '%'. */
    static String percentEncode(String message) {
        StringBuilder out = new StringBuilder(message.length());
        for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0x20 && b < 0x7f && b != '%') {
                out.append((char) b);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** Base64, allowing the separately padded chunks a gRPC-Web-text client may send. */
    static byte[] decodeBase64(byte[] body) {
        String text = new String(body, StandardCharsets.US_ASCII).strip();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('=', start);
            while (end >= 0 && end + 1 < text.length() && text.charAt(end + 1) == '=') {
                end++;
            }
            end = end < 0 ? text.length() : end + 1;
            out.writeBytes(Base64.getDecoder().decode(text.substring(start, end)));
            start = end;
        }
        return out.toByteArray();
    }
}

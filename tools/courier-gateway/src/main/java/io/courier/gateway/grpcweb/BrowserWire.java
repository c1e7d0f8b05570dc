package io.courier.gateway.grpcweb;

import io.courier.grpc.GrpcStatus;
import io.courier.protocol.json.JsonMappers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The browser protocols the gateway translates to gRPC, chosen by the request's {@code Content-Type},
 * and their byte-level differences from gRPC: gRPC-Web's trailers as a last frame (flag {@code 0x80}),
 * gRPC-Web-text's base64, Connect's unenveloped unary messages, its end-of-stream frame (flag {@code
 * 0x02}) and its JSON errors with gRPC's status names in snake_case.
 */
public enum BrowserWire {
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
    public String contentType() {
        return contentType;
    }

    /**
     * The wire of a request's {@code Content-Type}, or {@code null} when it is none of these; JSON is
     * Connect's only with its {@code Connect-Protocol-Version} header (else it is the gateway's JSON call).
     */
    public static BrowserWire of(String contentType, boolean connect) {
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
    public boolean unary() {
        return this == CONNECT_UNARY || this == CONNECT_JSON;
    }

    /** Whether messages are Connect JSON, converted on the provider's schema. */
    public boolean json() {
        return this == CONNECT_JSON || this == CONNECT_STREAM_JSON;
    }

    public boolean grpcWeb() {
        return this == GRPC_WEB || this == GRPC_WEB_TEXT;
    }

    /**
     * The gRPC request body of {@code body}: the base64 of gRPC-Web-text decoded, a Connect unary
     * message enveloped; the others are already gRPC frames.
     *
     * @throws IllegalArgumentException when gRPC-Web-text's body is not base64
     */
    public ByteBuf request(byte[] body) {
        return switch (this) {
            case GRPC_WEB_TEXT -> Unpooled.wrappedBuffer(decodeBase64(body));
            case CONNECT_UNARY, CONNECT_JSON, CONNECT_STREAM_JSON -> Unpooled.wrappedBuffer(frame(0, body));
            default -> Unpooled.wrappedBuffer(body);
        };
    }

    /** Response bytes as this wire sends them: base64 for gRPC-Web-text, else unchanged. */
    public ByteBuf response(ByteBuf grpcBytes) {
        if (this != GRPC_WEB_TEXT) {
            return grpcBytes;
        }
        byte[] bytes = new byte[grpcBytes.readableBytes()];
        grpcBytes.readBytes(bytes);
        grpcBytes.release();
        return Unpooled.wrappedBuffer(Base64.getEncoder().encode(bytes));
    }

    /** The last frame of a streamed answer: gRPC-Web's trailers frame or Connect's end-of-stream frame. */
    public ByteBuf endFrame(GrpcStatus status, String message) {
        if (grpcWeb()) {
            String trailers = "grpc-status:" + status.code() + "\r\n"
                    + (message.isEmpty() ? "" : "grpc-message:" + percentEncode(message) + "\r\n");
            return response(Unpooled.wrappedBuffer(frame(0x80, trailers.getBytes(StandardCharsets.UTF_8))));
        }
        String json = status == GrpcStatus.OK ? "{}" : "{\"error\":" + connectError(status, message) + "}";
        return Unpooled.wrappedBuffer(frame(0x02, json.getBytes(StandardCharsets.UTF_8)));
    }

    /** A message in gRPC's 5-byte envelope: flags, then the length big-endian. */
    public static byte[] frame(int flags, byte[] message) {
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
    public static String connectError(GrpcStatus status, String message) {
        return "{\"code\":\"" + connectCode(status) + "\",\"message\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(message).toString() + "}";
    }

    /** Connect's name of {@code status}: gRPC's in snake_case, {@code canceled} with one l. */
    public static String connectCode(GrpcStatus status) {
        return status == GrpcStatus.CANCELLED ? "canceled" : status.name().toLowerCase(Locale.ROOT);
    }

    /** The HTTP status of a Connect unary error, as the Connect protocol maps the codes. */
    public static HttpResponseStatus connectHttpStatus(GrpcStatus status) {
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
    public static String percentEncode(String message) {
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
    public static byte[] decodeBase64(byte[] body) {
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

    /**
     * A browser request's message compression: {@code gzip} or {@code identity}, named by the header its
     * protocol uses. The gateway inflates compressed messages itself, within its body limit (so a small
     * compressed body cannot become a large message), and forwards them uncompressed; answers are sent
     * uncompressed, which every client must accept.
     *
     * <pre>
     * gRPC-Web             grpc-encoding: gzip             each frame with flag 0x01 is compressed
     * Connect unary        Content-Encoding: gzip          the whole body is compressed
     * Connect unary GET    ?compression=gzip               the message parameter is compressed
     * Connect streaming    Connect-Content-Encoding: gzip  each envelope with flag 0x01 is compressed
     * </pre>
     */
    public static final class Encoding {

        /** The encodings served, as an {@code *-accept-encoding} header lists them. */
        public static final String ACCEPTED = "gzip,identity";

        /** Why a request's compression is refused: the status to answer and its message. */
        public static final class Refused extends Exception {
            private static final long serialVersionUID = 1L;
            private final transient GrpcStatus status;

            Refused(GrpcStatus status, String message) {
                super(message, null, false, false);
                this.status = status;
            }

            public GrpcStatus status() {
                return status;
            }
        }

        private Encoding() {}

        /** The request header that names the encoding of {@code wire}'s messages. */
        public static String header(BrowserWire wire) {
            if (wire.grpcWeb()) {
                return "grpc-encoding";
            }
            return wire.unary() ? "content-encoding" : "connect-content-encoding";
        }

        /** The response header that lists the encodings {@code wire}'s messages may use. */
        public static String acceptHeader(BrowserWire wire) {
            if (wire.grpcWeb()) {
                return "grpc-accept-encoding";
            }
            return wire.unary() ? "accept-encoding" : "connect-accept-encoding";
        }

        /** Whether {@code headers} declare gzip for {@code wire}; {@code false} for identity or none. */
        public static boolean gzip(BrowserWire wire, HttpHeaders headers) throws Refused {
            return gzip(headers.get(header(wire)));
        }

        /** Whether {@code encoding} is gzip; {@code false} for identity or {@code null}. */
        public static boolean gzip(String encoding) throws Refused {
            if (encoding == null) {
                return false;
            }
            String name = encoding.trim().toLowerCase(Locale.ROOT);
            if (name.equals("identity") || name.isEmpty()) {
                return false;
            }
            if (name.equals("gzip")) {
                return true;
            }
            throw new Refused(
                    GrpcStatus.UNIMPLEMENTED,
                    "compression is not served: " + JsonMappers.printable(encoding) + " (expected: " + ACCEPTED + ")");
        }

        /**
         * {@code frames} (gRPC or Connect envelopes of gzip messages) with every compressed message inflated
         * and its flag {@code 0x01} cleared; bytes after the last whole frame are kept as they are, for the
         * provider to refuse.
         */
        public static byte[] inflateFrames(byte[] frames, int limit) throws Refused {
            ByteArrayOutputStream out = new ByteArrayOutputStream(frames.length);
            int at = 0;
            while (frames.length - at >= 5) {
                int flags = frames[at];
                int length = java.nio.ByteBuffer.wrap(frames, at + 1, 4).getInt();
                if (length < 0 || length > frames.length - at - 5) {
                    break;
                }
                if ((flags & 0x01) == 0) {
                    out.write(frames, at, 5 + length);
                } else {
                    byte[] message = inflate(java.util.Arrays.copyOfRange(frames, at + 5, at + 5 + length), limit);
                    out.writeBytes(BrowserWire.frame(flags & ~0x01, message));
                }
                at += 5 + length;
            }
            out.write(frames, at, frames.length - at);
            return out.toByteArray();
        }

        /**
         * The messages of a request body of {@code wire} uncompressed: {@code body} itself without gzip
         * (a compressed flag without an encoding is then the provider's to refuse), else inflated as the
         * wire compresses them.
         */
        public static byte[] inflated(BrowserWire wire, HttpHeaders headers, byte[] body, int limit) throws Refused {
            if (!gzip(wire, headers)) {
                return body;
            }
            if (wire.unary()) {
                return inflate(body, limit);
            }
            if (wire == BrowserWire.GRPC_WEB_TEXT) {
                byte[] frames = inflateFrames(BrowserWire.decodeBase64(body), limit);
                return java.util.Base64.getEncoder().encode(frames);
            }
            return inflateFrames(body, limit);
        }

        /** The gzip {@code data} inflated, refused when it is not gzip or inflates past {@code limit} bytes. */
        public static byte[] inflate(byte[] data, int limit) throws Refused {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data), 8192)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, data.length * 4 + 64));
                byte[] buffer = new byte[8192];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (out.size() + read > limit) {
                        throw new Refused(
                                GrpcStatus.RESOURCE_EXHAUSTED,
                                "a gzip message inflates past " + limit + " bytes (expected: at most the body limit)");
                    }
                    out.write(buffer, 0, read);
                }
                return out.toByteArray();
            } catch (IOException e) {
                throw new Refused(GrpcStatus.INVALID_ARGUMENT, "a message is not gzip: " + e.getMessage());
            }
        }
    }
}

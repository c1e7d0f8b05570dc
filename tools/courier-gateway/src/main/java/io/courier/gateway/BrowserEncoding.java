package io.courier.gateway;

import io.courier.grpc.GrpcStatus;
import io.courier.protocol.json.JsonMappers;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

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
final class BrowserEncoding {

    /** The encodings served, as an {@code *-accept-encoding} header lists them. */
    static final String ACCEPTED = "gzip,identity";

    /** Why a request's compression is refused: the status to answer and its message. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient GrpcStatus status;

        Refused(GrpcStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        GrpcStatus status() {
            return status;
        }
    }

    private BrowserEncoding() {}

    /** The request header that names the encoding of {@code wire}'s messages. */
    static String header(BrowserWire wire) {
        if (wire.grpcWeb()) {
            return "grpc-encoding";
        }
        return wire.unary() ? "content-encoding" : "connect-content-encoding";
    }

    /** The response header that lists the encodings {@code wire}'s messages may use. */
    static String acceptHeader(BrowserWire wire) {
        if (wire.grpcWeb()) {
            return "grpc-accept-encoding";
        }
        return wire.unary() ? "accept-encoding" : "connect-accept-encoding";
    }

    /** Whether {@code headers} declare gzip for {@code wire}; {@code false} for identity or none. */
    static boolean gzip(BrowserWire wire, HttpHeaders headers) throws Refused {
        return gzip(headers.get(header(wire)));
    }

    /** Whether {@code encoding} is gzip; {@code false} for identity or {@code null}. */
    static boolean gzip(String encoding) throws Refused {
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
    static byte[] inflateFrames(byte[] frames, int limit) throws Refused {
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
    static byte[] inflated(BrowserWire wire, HttpHeaders headers, byte[] body, int limit) throws Refused {
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
    static byte[] inflate(byte[] data, int limit) throws Refused {
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

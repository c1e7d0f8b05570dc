package io.courier.gateway;

import io.courier.gateway.Problems.Problem;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.handler.codec.http2.ReadOnlyHttp2Headers;
import io.netty.util.AsciiString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Writes the gateway's responses: always a full response with a length, closing when asked. */
final class Responses {

    private Responses() {}

    static FullHttpResponse of(HttpResponseStatus status, String contentType, byte[] body) {
        ByteBuf content = Unpooled.wrappedBuffer(body);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        secure(response.headers());
        return response;
    }

    /** {@code 204 No Content}: a REST call whose method answered nothing. */
    static FullHttpResponse noContent() {
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
        secure(response.headers());
        return response;
    }

    /** The headers every answer of the gateway carries, a stream's too. */
    static HttpHeaders secure(HttpHeaders headers) {
        return headers.set("X-Content-Type-Options", "nosniff")
                // no page of the gateway's, /docs included, may be framed by another page
                .set("Content-Security-Policy", "frame-ancestors 'none'")
                .set("X-Frame-Options", "DENY")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    }

    /** The CORS headers of an answer to {@code origin}, if it is allowed. */
    static void cors(HttpHeaders headers, String origin, List<String> cors) {
        String allowed = allowedOrigin(origin, cors);
        if (allowed != null) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowed)
                    .set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        }
    }

    /** The {@code Access-Control-Allow-Origin} of an answer to {@code origin}, or {@code null} if it is not allowed. */
    private static String allowedOrigin(String origin, List<String> cors) {
        if (origin == null || !(cors.contains(origin) || cors.contains("*"))) {
            return null;
        }
        return cors.contains("*") ? "*" : origin;
    }

    /** The HTTP/2 names of the headers {@link #of} and {@link #cors} write, and the values that do not vary. */
    private static final AsciiString[] H2_NAMES = {
        HttpHeaderNames.CONTENT_TYPE,
        HttpHeaderNames.CONTENT_LENGTH,
        AsciiString.cached("x-content-type-options"),
        AsciiString.cached("content-security-policy"),
        AsciiString.cached("x-frame-options"),
        HttpHeaderNames.CACHE_CONTROL,
        HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN,
        HttpHeaderNames.VARY
    };

    private static final AsciiString[] H2_VALUES = {
        AsciiString.cached("application/json"),
        AsciiString.cached(Problems.CONTENT_TYPE),
        AsciiString.cached("nosniff"),
        AsciiString.cached("frame-ancestors 'none'"),
        AsciiString.cached("DENY"),
        AsciiString.cached("no-store"),
        HttpHeaderNames.ORIGIN
    };

    /**
     * The HTTP/2 header block of a JSON call's answer ({@code 200}, {@code application/json}, {@code
     * length} bytes) to {@code origin}: the same headers as {@link #of} and {@link #cors} give the
     * HTTP/1.1 answer, without building it. The constant part of the block is copied from {@link
     * #H2_JSON_OK}; only the length and an allowed origin are new.
     */
    static Http2Headers http2JsonOk(int length, String origin, List<String> cors) {
        String allowed = allowedOrigin(origin, cors);
        AsciiString[] block = Arrays.copyOf(H2_JSON_OK, allowed == null ? H2_JSON_OK.length : H2_JSON_OK.length + 4);
        block[3] = new AsciiString(Integer.toString(length));
        if (allowed != null) {
            block[H2_JSON_OK.length] = HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN;
            block[H2_JSON_OK.length + 1] = "*".equals(allowed) ? ANY_ORIGIN : new AsciiString(allowed);
            block[H2_JSON_OK.length + 2] = HttpHeaderNames.VARY;
            block[H2_JSON_OK.length + 3] = HttpHeaderNames.ORIGIN;
        }
        return ReadOnlyHttp2Headers.serverHeaders(false, HttpResponseStatus.OK.codeAsText(), block);
    }

    /** {@link #http2JsonOk}'s block in {@link #of}'s order, the length (index 3) left to fill. */
    private static final AsciiString[] H2_JSON_OK = {
        H2_NAMES[0], H2_VALUES[0], H2_NAMES[1], null,
        H2_NAMES[2], H2_VALUES[2], H2_NAMES[3], H2_VALUES[3],
        H2_NAMES[4], H2_VALUES[4], H2_NAMES[5], H2_VALUES[5]
    };

    private static final AsciiString ANY_ORIGIN = AsciiString.cached("*");

    /**
     * The HTTP/2 header block of {@code response}: a flat array whose names and unvarying values are
     * shared constants (their HPACK hashes computed once); only the length and an allowed origin are
     * new. A header that {@link #of} and {@link #cors} do not write takes Netty's general conversion.
     */
    static Http2Headers http2Headers(FullHttpResponse response) {
        HttpHeaders headers = response.headers();
        AsciiString[] block = new AsciiString[headers.size() * 2];
        int at = 0;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> entries = headers.iteratorCharSequence();
                entries.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> header = entries.next();
            AsciiString name = known(H2_NAMES, header.getKey(), true);
            if (name == null) {
                return HttpConversionUtil.toHttp2Headers(response, true);
            }
            AsciiString value = known(H2_VALUES, header.getValue(), false);
            block[at++] = name;
            block[at++] = value != null ? value : new AsciiString(header.getValue());
        }
        return ReadOnlyHttp2Headers.serverHeaders(false, response.status().codeAsText(), block);
    }

    private static AsciiString known(AsciiString[] constants, CharSequence text, boolean ignoreCase) {
        for (AsciiString constant : constants) {
            if (constant.length() == text.length()
                    && (ignoreCase ? constant.contentEqualsIgnoreCase(text) : constant.contentEquals(text))) {
                return constant;
            }
        }
        return null;
    }

    /** The answer to a CORS preflight ({@code OPTIONS}): the methods and request headers a page may use. */
    static FullHttpResponse preflight() {
        FullHttpResponse response = of(HttpResponseStatus.NO_CONTENT, "text/plain", new byte[0]);
        response.headers()
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST")
                .set(
                        HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                        "Content-Type, Authorization, traceparent, tracestate, " + GatewayHandler.TOKEN_HEADER + ", "
                                + GatewayHandler.TAG_HEADER + ", " + BrowserRpc.REQUEST_HEADERS)
                .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
        return response;
    }

    static FullHttpResponse json(HttpResponseStatus status, String json) {
        return of(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static FullHttpResponse problem(Problem problem) {
        return of(
                problem.status(),
                Problems.CONTENT_TYPE,
                problem.body().toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code response}, then closes unless {@code keepAlive}; CORS headers for {@code origin} if allowed. */
    static void write(
            ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive, String origin, List<String> cors) {
        cors(response.headers(), origin, cors);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The answer to {@code GET /docs}. */
    static FullHttpResponse docsPage() {
        return of(HttpResponseStatus.OK, "text/html; charset=utf-8", DocsPage.HTML);
    }

    /** The docs page, a plain HTML file with its script inline, served from the jar; read once. */
    private static final class DocsPage {

        private static final byte[] HTML = load();

        private DocsPage() {}

        private static byte[] load() {
            try (InputStream in = DocsPage.class.getResourceAsStream("docs.html")) {
                if (in == null) {
                    throw new IllegalStateException("docs.html is missing from the gateway's jar");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

package io.courier.gateway;

import io.courier.api.RpcContext;
import io.courier.security.BearerTokens;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.AsciiString;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The attachments a call or stream carries from its HTTP request's headers. */
final class CallAttachments {

    private CallAttachments() {}

    // lower case: an HTTP/2 header block's names are (RFC 9113 section 8.2.1), HTTP/1.1's lookups ignore case
    private static final AsciiString TRACEPARENT = AsciiString.cached("traceparent");
    private static final AsciiString TRACESTATE = AsciiString.cached("tracestate");
    private static final AsciiString TOKEN = AsciiString.cached(GatewayHandler.TOKEN_HEADER.toLowerCase(Locale.ROOT));
    private static final AsciiString TAG = AsciiString.cached(GatewayHandler.TAG_HEADER.toLowerCase(Locale.ROOT));

    /**
     * {@code traceparent} and {@code tracestate} as they are, {@code X-Courier-Token} as {@code
     * courier.token}, {@code X-Courier-Tag} as the routing tag, and, when {@code forwardBearer}, the
     * caller's {@code Authorization: Bearer <token>} as the {@value BearerTokens#ATTACHMENT}
     * attachment: the provider's {@code jwt} filter verifies it and the caller's identity reaches the
     * service. Other schemes are not forwarded.
     *
     * @param headers a request header's value by its lower-case name ({@code null} if absent): an
     *     HTTP/1.1 request's headers, or an HTTP/2 header block's
     */
    static Map<String, String> of(Function<CharSequence, String> headers, boolean forwardBearer) {
        Map<String, String> attachments = new HashMap<>(4);
        String authorization = headers.apply(HttpHeaderNames.AUTHORIZATION);
        if (forwardBearer
                && authorization != null
                && authorization.regionMatches(true, 0, BearerTokens.SCHEME, 0, BearerTokens.SCHEME.length())) {
            attachments.put(
                    BearerTokens.ATTACHMENT,
                    BearerTokens.SCHEME + authorization.substring(BearerTokens.SCHEME.length()));
        }
        copy(headers, TRACEPARENT, "traceparent", attachments);
        copy(headers, TRACESTATE, "tracestate", attachments);
        copy(headers, TOKEN, "courier.token", attachments);
        copy(headers, TAG, RpcContext.TAG, attachments);
        return attachments;
    }

    private static void copy(
            Function<CharSequence, String> headers, AsciiString header, String attachment, Map<String, String> into) {
        String value = headers.apply(header);
        if (value != null && !value.isEmpty()) {
            into.put(attachment, value);
        }
    }
}

package io.courier.gateway;

import io.courier.api.RpcContext;
import io.courier.security.BearerTokens;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.HashMap;
import java.util.Map;

/** The attachments a call or stream carries from its HTTP request's headers. */
final class CallAttachments {

    private CallAttachments() {}

    /**
     * {@code traceparent} and {@code tracestate} as they are, {@code X-Courier-Token} as {@code
     * courier.token}, {@code X-Courier-Tag} as the routing tag, and, when {@code forwardBearer}, the
     * caller's {@code Authorization: Bearer <token>} as the {@value BearerTokens#ATTACHMENT}
     * attachment: the provider's {@code jwt} filter verifies it and the caller's identity reaches the
     * service. Other schemes are not forwarded.
     */
    static Map<String, String> of(HttpHeaders headers, boolean forwardBearer) {
        Map<String, String> attachments = new HashMap<>(4);
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (forwardBearer
                && authorization != null
                && authorization.regionMatches(true, 0, BearerTokens.SCHEME, 0, BearerTokens.SCHEME.length())) {
            attachments.put(
                    BearerTokens.ATTACHMENT,
                    BearerTokens.SCHEME + authorization.substring(BearerTokens.SCHEME.length()));
        }
        copy(headers, "traceparent", "traceparent", attachments);
        copy(headers, "tracestate", "tracestate", attachments);
        copy(headers, GatewayHandler.TOKEN_HEADER, "courier.token", attachments);
        copy(headers, GatewayHandler.TAG_HEADER, RpcContext.TAG, attachments);
        return attachments;
    }

    private static void copy(HttpHeaders headers, String header, String attachment, Map<String, String> into) {
        String value = headers.get(header);
        if (value != null && !value.isEmpty()) {
            into.put(attachment, value);
        }
    }
}

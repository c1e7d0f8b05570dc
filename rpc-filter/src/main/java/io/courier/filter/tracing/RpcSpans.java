package io.courier.filter.tracing;

import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.StreamWatch;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Map;

/**
 * What client and server spans share: names and attributes of a method (computed once per method
 * when the chain is bound, following the OpenTelemetry RPC semantic conventions), the attachment
 * carrier, and how an outcome ends a span.
 */
final class RpcSpans {

    static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
    static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
    static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> SERVICE_KEY = AttributeKey.stringKey("courier.service_key");
    static final AttributeKey<Long> STREAM_MESSAGES = AttributeKey.longKey("courier.stream.messages");
    static final AttributeKey<Boolean> STREAM_CANCELLED = AttributeKey.booleanKey("courier.stream.cancelled");
    static final String SYSTEM = "courier";

    /** Reads trace context from a call's attachments. */
    static final TextMapGetter<Invocation> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Invocation carrier) {
            return carrier.attachments().keySet();
        }

        @Override
        public String get(Invocation carrier, String key) {
            return carrier == null ? null : carrier.attachment(key);
        }
    };

    /** Collects trace context headers before they are added to a call in one copy. */
    static final TextMapSetter<Map<String, String>> SETTER = (carrier, key, value) -> {
        if (carrier != null) {
            carrier.put(key, value);
        }
    };

    private RpcSpans() {}

    /** {@code rpc.service/rpc.method}, the span name the conventions ask for. */
    static String name(FilterContext context, MethodDescriptor method) {
        return context.service().interfaceName() + "/" + method.name();
    }

    /** The attributes every span of {@code method} carries. */
    static Attributes attributes(FilterContext context, MethodDescriptor method) {
        return Attributes.of(
                RPC_SYSTEM,
                SYSTEM,
                RPC_SERVICE,
                context.service().interfaceName(),
                RPC_METHOD,
                method.name(),
                SERVICE_KEY,
                context.serviceKey().toString());
    }

    /** Records the outcome on {@code span} and ends it. */
    static void end(Span span, RpcResult result, Throwable failure) {
        if (failure != null) {
            String type = failure instanceof RpcException rpc
                    ? rpc.code().name()
                    : failure.getClass().getName();
            span.setAttribute(ERROR_TYPE, type);
            span.setStatus(StatusCode.ERROR, type);
            if (span.isRecording()) {
                span.recordException(failure);
            }
        } else if (result != null && result.hasException()) {
            String type = result.exception().getClass().getName();
            span.setAttribute(ERROR_TYPE, type);
            span.setStatus(StatusCode.ERROR, type);
        }
        span.end();
    }

    /**
     * The watch that ends {@code span} with its stream: the messages that reached the subscriber as
     * {@code courier.stream.messages}, {@code courier.stream.cancelled} when it was cancelled, and the
     * failure's code as on a call.
     */
    static StreamWatch endOnStreamEnd(Span span) {
        return (messages, failure, cancelled) -> {
            span.setAttribute(STREAM_MESSAGES, messages);
            if (cancelled) {
                span.setAttribute(STREAM_CANCELLED, true);
            }
            end(span, null, failure);
        };
    }
}

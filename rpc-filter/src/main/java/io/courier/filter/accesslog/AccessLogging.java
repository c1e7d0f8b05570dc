package io.courier.filter.accesslog;

import io.courier.api.Endpoint;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.time.Ticker;
import io.courier.filter.internal.Futures;
import io.courier.spi.Side;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Writes one line per call, when it ends, in {@code key=value} form:
 *
 * <pre>
 * side=provider service=com.acme.UserService method=getUser(long) peer=10.0.0.7:52114 duration_us=1834 status=OK trace_id=4bf9...
 * </pre>
 *
 * {@code status} is {@code OK}, {@code EXCEPTION} (the implementation threw; {@code exception=}
 * names the class) or the {@code ErrorCode} of a failure. Arguments and results are never logged.
 * The line is built only when the logger is enabled at INFO, checked per call so that the level can
 * change at run time.
 */
class AccessLogging implements Filter {

    private final Logger logger;
    /** The line up to the method, and the method too when this filter is bound to one. */
    private final String prefix;

    private final boolean methodInPrefix;
    private final boolean provider;
    private final Ticker ticker;

    /**
     * @param method the method this filter logs, or {@code null} for one that logs any method
     *     (the service's, for calls of a method the chain was not built with)
     */
    AccessLogging(Logger logger, FilterContext context, MethodDescriptor method) {
        this.logger = logger;
        String service = "side=" + context.side().name().toLowerCase(Locale.ROOT) + " service=" + context.serviceKey();
        this.prefix = method == null ? service : service + " method=" + method.descriptor();
        this.methodInPrefix = method != null;
        this.provider = context.side() == Side.PROVIDER;
        this.ticker = context.ticker();
    }

    @Override
    public final CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        if (!logger.isInfoEnabled()) {
            return chain.proceed(invocation);
        }
        long start = ticker.nanoTime();
        Endpoint peer = provider ? RpcContext.current().remoteEndpoint() : null;
        SpanContext span = Span.current().getSpanContext();
        String traceId = span.isValid() ? span.getTraceId() : null;
        return Futures.whenDone(
                chain.proceed(invocation),
                (result, failure) ->
                        logger.info(line(invocation, peer, ticker.nanoTime() - start, traceId, result, failure)));
    }

    private String line(
            Invocation invocation, Endpoint peer, long nanos, String traceId, RpcResult result, Throwable failure) {
        StringBuilder line = new StringBuilder(160).append(prefix);
        if (!methodInPrefix) {
            line.append(" method=").append(invocation.method().descriptor());
        }
        line.append(" peer=")
                .append(peer == null ? "-" : peer.toString())
                .append(" duration_us=")
                .append(TimeUnit.NANOSECONDS.toMicros(nanos))
                .append(" status=");
        if (failure != null) {
            line.append(failure instanceof RpcException rpc ? rpc.code().name() : "UNKNOWN");
        } else if (result != null && result.hasException()) {
            // The class name only: a business exception's message may carry user data.
            line.append("EXCEPTION exception=")
                    .append(result.exception().getClass().getName());
        } else {
            line.append("OK");
        }
        if (traceId != null) {
            line.append(" trace_id=").append(traceId);
        }
        return line.toString();
    }
}

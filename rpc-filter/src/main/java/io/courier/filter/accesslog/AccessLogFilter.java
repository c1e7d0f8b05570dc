package io.courier.filter.accesslog;

import io.courier.api.Filter;
import io.courier.api.FilterContext;
import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import io.courier.filter.internal.FilterProperties;
import io.courier.filter.internal.Setting;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extension {@code access-log}, both sides: one line per call on the logger
 * {@value #LOGGER_NAME} (route it to its own file in the logging configuration). Off unless
 * {@code courier.filter.access-log.enabled=true}. The activated instance only binds; it passes
 * calls through.
 */
@Extension("access-log")
@Activate(
        sides = {Side.CONSUMER, Side.PROVIDER},
        order = AccessLogFilter.ORDER)
public final class AccessLogFilter implements Filter {

    /** Inside tracing (its lines carry the trace id) and metrics, outside every refusal. */
    public static final int ORDER = 300;

    /** The logger the lines go to. */
    public static final String LOGGER_NAME = "courier.access";

    private static final Logger ACCESS = LoggerFactory.getLogger(LOGGER_NAME);

    @Override
    public Filter bind(FilterContext context) {
        boolean enabled = FilterProperties.of(context)
                .get("access-log.enabled")
                .map(Setting::asBoolean)
                .orElse(false);
        return enabled ? new AccessLogging(ACCESS, context) : null;
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        return chain.proceed(invocation);
    }
}

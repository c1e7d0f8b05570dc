package io.courier.filter.accesslog;

import io.courier.api.MethodDescriptor;
import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.filter.config.FilterKeys;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extension {@code access-log}, both sides: one line per call on the logger
 * {@value #LOGGER_NAME} (route it to its own file in the logging configuration). Off unless
 * {@code courier.filter.access-log.enabled=true}, for the service or for one method
 * ({@code courier.filter.<method>.access-log.enabled}, which wins); a method it is off for has no
 * access-log filter in its chain.
 */
@Extension("access-log")
@Activate(
        sides = {Side.CONSUMER, Side.PROVIDER},
        order = AccessLogFilter.ORDER)
public final class AccessLogFilter implements FilterFactory {

    /** Inside tracing (its lines carry the trace id) and metrics, outside every refusal. */
    public static final int ORDER = 300;

    /** The logger the lines go to. */
    public static final String LOGGER_NAME = "courier.access";

    private static final Logger ACCESS = LoggerFactory.getLogger(LOGGER_NAME);

    @Override
    public Filter bind(FilterContext context) {
        boolean enabled = context.setting(FilterKeys.ACCESS_LOG_ENABLED).orElse(false);
        return enabled || context.anySet(FilterKeys.ACCESS_LOG_ENABLED) ? new ServiceAccessLog(context) : null;
    }

    /** The service's access log: makes each method's, where it is on. */
    private static final class ServiceAccessLog extends AccessLogging {

        ServiceAccessLog(FilterContext context) {
            super(ACCESS, context, null);
        }

        @Override
        public Filter forMethod(FilterContext context, MethodDescriptor method) {
            boolean enabled = context.forMethodOrService(FilterKeys.ACCESS_LOG_ENABLED, method)
                    .orElse(false);
            return enabled ? new AccessLogging(ACCESS, context, method) : null;
        }
    }
}

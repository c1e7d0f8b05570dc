package io.courier.security;

import io.courier.api.ErrorCode;
import io.courier.api.Filter;
import io.courier.api.FilterContext;
import io.courier.api.Invocation;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.filter.internal.FilterProperties;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Extension {@code access}, provider side: refuses with {@code FORBIDDEN}, before it runs, a call
 * whose caller ({@link RpcContext#identity()}: a verified token or client certificate) lacks what
 * the method's rule requires. Rules are {@code courier.filter.[<method>.]access.*} options, read
 * and validated once when the service is exported; off when none is set. See
 * {@code docs/security.md}.
 */
@Extension("access")
@Activate(sides = Side.PROVIDER, order = AccessFilter.ORDER)
public final class AccessFilter implements Filter {

    /** After every authenticating filter (signature 400, jwt 420, auth 450), before the deadline and limits. */
    public static final int ORDER = 470;

    @Override
    public Filter bind(FilterContext context) {
        FilterProperties properties = FilterProperties.of(context);
        if (!AccessRules.configured(properties)) {
            return null;
        }
        return new Check(AccessRules.of(properties));
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        return chain.proceed(invocation);
    }

    /** The bound filter of one service: a map lookup and a few set checks per call. */
    private record Check(Map<String, AccessRule> rules) implements Filter {

        @Override
        public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
            AccessRule rule = rules.get(invocation.method().descriptor());
            Optional<String> missing = rule == null
                    ? Optional.of("a rule (the method is unknown to this service)")
                    : rule.missing(RpcContext.current().identity());
            if (missing.isPresent()) {
                return CompletableFuture.failedFuture(new RpcException(
                        ErrorCode.FORBIDDEN,
                        "access: " + invocation + " needs " + missing.get() + " (caller: "
                                + RpcContext.current()
                                        .identity()
                                        .map(Object::toString)
                                        .orElse("anonymous") + ")"));
            }
            return chain.proceed(invocation);
        }
    }
}

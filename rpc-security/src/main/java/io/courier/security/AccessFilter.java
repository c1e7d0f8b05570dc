package io.courier.security;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
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
public final class AccessFilter implements FilterFactory {

    /** After every authenticating filter (signature 400, jwt 420, auth 450), before the deadline and limits. */
    public static final int ORDER = 470;

    @Override
    public Filter bind(FilterContext context) {
        if (!AccessRules.configured(context)) {
            return null;
        }
        return new Check(AccessRules.of(context));
    }

    /**
     * The bound filter of one service: makes each method's filter, with the method's rule. It serves
     * only calls of a method the chain was not built with, and refuses them: such a method has no rule.
     */
    private record Check(Map<String, AccessRule> rules) implements Filter {

        @Override
        public Filter forMethod(FilterContext context, MethodDescriptor method) {
            return new MethodCheck(rules.get(method.descriptor()));
        }

        @Override
        public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
            return refuse(invocation, "a rule (the method is unknown to this service)");
        }
    }

    /**
     * The rule of one method, checked against the caller: a few set checks per call. Every method
     * has a rule (one with no set admits any authenticated caller), so no method is left out.
     */
    private record MethodCheck(AccessRule rule) implements Filter {

        @Override
        public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
            Optional<String> missing = rule.missing(RpcContext.current().identity());
            return missing.isPresent() ? refuse(invocation, missing.get()) : chain.proceed(invocation);
        }
    }

    private static CompletableFuture<RpcResult> refuse(Invocation invocation, String missing) {
        return CompletableFuture.failedFuture(new RpcException(
                ErrorCode.FORBIDDEN,
                "access: " + invocation + " needs " + missing + " (caller: "
                        + RpcContext.current().identity().map(Object::toString).orElse("anonymous") + ")"));
    }
}

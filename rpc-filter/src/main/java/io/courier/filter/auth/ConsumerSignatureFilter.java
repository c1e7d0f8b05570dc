package io.courier.filter.auth;

import io.courier.api.Filter;
import io.courier.api.FilterContext;
import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import io.courier.filter.Ticker;
import io.courier.filter.internal.FilterProperties;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import java.util.concurrent.CompletableFuture;

/**
 * Extension {@code consumer-signature}, consumer side: signs every call (see {@link RequestSigner}); on when {@code courier.filter.consumer-signature.secret} is set. The activated instance only binds; it passes calls
 * through.
 */
@Extension("consumer-signature")
@Activate(sides = Side.CONSUMER, order = ConsumerSignatureFilter.ORDER)
public final class ConsumerSignatureFilter implements Filter {

    /** Last on the consumer, so that the signature covers what the other filters attached. */
    public static final int ORDER = 900;

    @Override
    public Filter bind(FilterContext context) {
        return SignatureOptions.parse(FilterProperties.of(context), "consumer-signature")
                .map(options -> (Filter) new Signing(options, Ticker.of(context)))
                .orElse(null);
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        return chain.proceed(invocation);
    }
}

package io.courier.filter.auth;

import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.filter.config.FilterKeys;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;

/**
 * Extension {@code consumer-signature}, consumer side: signs every call (see {@link RequestSigner}); on when {@code courier.filter.consumer-signature.secret} is set.
 */
@Extension("consumer-signature")
@Activate(sides = Side.CONSUMER, order = ConsumerSignatureFilter.ORDER)
public final class ConsumerSignatureFilter implements FilterFactory {

    /** Last on the consumer, so that the signature covers what the other filters attached. */
    public static final int ORDER = 900;

    @Override
    public Filter bind(FilterContext context) {
        return SignatureOptions.parse(context, FilterKeys.CONSUMER_SIGNATURE)
                .map(options -> (Filter) new Signing(options, context.ticker()))
                .orElse(null);
    }
}

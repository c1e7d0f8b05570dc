package io.courier.filter.auth;

import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.filter.config.FilterKeys;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;

/**
 * Extension {@code signature}, provider side: verifies signed requests (see {@link SignatureCheck}); on when {@code courier.filter.signature.secret} is set.
 */
@Extension("signature")
@Activate(sides = Side.PROVIDER, order = SignatureFilter.ORDER)
public final class SignatureFilter implements FilterFactory {

    /** First on the provider after the observers: a forged request costs one HMAC and nothing else. */
    public static final int ORDER = 400;

    @Override
    public Filter bind(FilterContext context) {
        return SignatureOptions.parse(context, FilterKeys.SIGNATURE)
                .map(options -> (Filter) new SignatureCheck(options, context.ticker()))
                .orElse(null);
    }
}

package io.courier.filter.auth;

import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.filter.internal.FilterProperties;
import io.courier.filter.internal.Setting;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import java.util.Optional;

/**
 * Extension {@code consumer-auth}, consumer side: sends {@code courier.filter.consumer-auth.token}
 * with every call as the {@value TokenAuthFilter#TOKEN} attachment. Off when no token is
 * configured.
 */
@Extension("consumer-auth")
@Activate(sides = Side.CONSUMER, order = ConsumerTokenFilter.ORDER)
public final class ConsumerTokenFilter implements FilterFactory {

    /** Late, after the limits, but before signing, which covers the token. */
    public static final int ORDER = 800;

    @Override
    public Filter bind(FilterContext context) {
        Optional<Setting> token = FilterProperties.of(context).get("consumer-auth.token");
        if (token.isEmpty()) {
            return null;
        }
        Secrets.bytes(token.get(), TokenAuthFilter.MIN_TOKEN_BYTES);
        String value = token.get().value();
        return (invocation, chain) -> chain.proceed(invocation.withAttachment(TokenAuthFilter.TOKEN, value));
    }
}

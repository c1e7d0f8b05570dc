package io.courier.filter.auth;

import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.filter.config.FilterKeys;
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
        Optional<String> token = context.setting(FilterKeys.CONSUMER_AUTH_TOKEN);
        if (token.isEmpty()) {
            return null;
        }
        String value = token.get();
        return (invocation, chain) -> chain.proceed(invocation.withAttachment(TokenAuthFilter.TOKEN, value));
    }
}

package io.courier.filter.auth;

import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.filter.config.FilterKeys;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Extension {@code auth}, provider side: refuses with {@code FORBIDDEN}, before it runs, a call
 * that does not carry one of the tokens in {@code courier.filter.auth.tokens} (comma-separated, each
 * at least 16 bytes). Off when no token is configured.
 */
@Extension("auth")
@Activate(sides = Side.PROVIDER, order = TokenAuthFilter.ORDER)
public final class TokenAuthFilter implements FilterFactory {

    /** After the signature check (which covers the token), before the deadline and the limits. */
    public static final int ORDER = 450;

    /** The attachment carrying the caller's token. */
    public static final String TOKEN = "courier.token";

    @Override
    public Filter bind(FilterContext context) {
        // The key's type checks each token's size; a message shows sizes, never a token.
        Optional<List<String>> tokens = context.setting(FilterKeys.AUTH_TOKENS);
        return tokens.map(items -> new TokenCheck(items.stream()
                        .map(item -> item.getBytes(StandardCharsets.UTF_8))
                        .toList()))
                .orElse(null);
    }
}

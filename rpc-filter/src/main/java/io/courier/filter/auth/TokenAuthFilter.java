package io.courier.filter.auth;

import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.filter.internal.FilterProperties;
import io.courier.filter.internal.Setting;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
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

    static final int MIN_TOKEN_BYTES = 16;

    @Override
    public Filter bind(FilterContext context) {
        Optional<Setting> tokens = FilterProperties.of(context).get("auth.tokens");
        if (tokens.isEmpty()) {
            return null;
        }
        List<String> items = tokens.get().asList();
        if (items.isEmpty()) {
            throw tokens.get().invalid("one or more comma-separated tokens");
        }
        return new TokenCheck(items.stream()
                .map(item -> Secrets.bytes(new Setting(tokens.get().key(), item), MIN_TOKEN_BYTES))
                .toList());
    }
}

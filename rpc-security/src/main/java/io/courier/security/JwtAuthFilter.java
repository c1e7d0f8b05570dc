package io.courier.security;

import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import java.util.Optional;

/**
 * Extension {@code jwt}, provider side: refuses with {@code FORBIDDEN}, before it runs, a call
 * without a valid JWT bearer token in the {@value BearerTokens#ATTACHMENT} attachment. Keys come
 * from {@code courier.filter.jwt.jwks-file} or {@code courier.filter.jwt.jwks-url}; off when
 * neither is set. A verified token's subject, scopes, roles and claims become the caller's
 * {@link io.courier.api.RpcContext#identity()}. See {@code docs/security.md}.
 */
@Extension("jwt")
@Activate(sides = Side.PROVIDER, order = JwtAuthFilter.ORDER)
public final class JwtAuthFilter implements FilterFactory {

    /** After the signature check (which may cover the token), before token auth (450) and access rules. */
    public static final int ORDER = 420;

    @Override
    public Filter bind(FilterContext context) {
        Optional<JwtOptions> options = JwtOptions.from(context);
        if (options.isEmpty()) {
            return null;
        }
        JwksSources sources = context.shared(JwksSources.class, JwksSources::new);
        return new JwtCheck(options.get(), sources.of(options.get()));
    }
}

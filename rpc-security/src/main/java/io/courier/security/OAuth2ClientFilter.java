package io.courier.security;

import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extension {@code oauth2-client}, consumer side: sends an access token obtained with the OAuth2
 * client credentials grant from {@code courier.filter.oauth2-client.token-url} as the
 * {@value BearerTokens#ATTACHMENT} attachment of every call. Tokens are cached and replaced before
 * they expire; when a provider rejects the token ({@link BearerTokens#isRejection}), the call is
 * sent once more with a fresh one. Off when no token URL is configured. See {@code docs/security.md}.
 */
@Extension("oauth2-client")
@Activate(sides = Side.CONSUMER, order = OAuth2ClientFilter.ORDER)
public final class OAuth2ClientFilter implements FilterFactory {

    /** After the limits and the static token (800), before signing (900), which covers the token. */
    public static final int ORDER = 850;

    private static final Logger log = LoggerFactory.getLogger(OAuth2ClientFilter.class);

    @Override
    public Filter bind(FilterContext context) {
        Optional<OAuth2ClientOptions> options = OAuth2ClientOptions.from(context);
        if (options.isEmpty()) {
            return null;
        }
        return new WithToken(
                context.shared(OAuth2Tokens.class, OAuth2Tokens::new).of(options.get()));
    }

    /**
     * The bound filter of one reference. Its retry calls {@code proceed} a second time only after the
     * first call was refused unexecuted ({@code FORBIDDEN} by the provider's token check), which is
     * the one exception to "proceed at most once" that {@link Filter} allows.
     */
    private record WithToken(TokenSource tokens) implements Filter {

        @Override
        public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
            return tokens.token()
                    .thenCompose(
                            token -> chain.proceed(bearer(invocation, token)).exceptionallyCompose(failure -> {
                                if (!BearerTokens.isRejection(failure)) {
                                    return CompletableFuture.failedFuture(RpcException.unwrap(failure));
                                }
                                log.info(
                                        "oauth2-client: {} refused the token, retrying once with a new one",
                                        invocation);
                                tokens.rejected(token);
                                return tokens.token().thenCompose(fresh -> chain.proceed(bearer(invocation, fresh)));
                            }))
                    .exceptionallyCompose(failure -> CompletableFuture.failedFuture(RpcException.unwrap(failure)));
        }

        private static Invocation bearer(Invocation invocation, String token) {
            return invocation.withAttachment(BearerTokens.ATTACHMENT, BearerTokens.SCHEME + token);
        }
    }
}

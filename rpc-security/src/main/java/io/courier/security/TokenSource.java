package io.courier.security;

import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's access token: cached while valid, replaced in the background from its refresh time
 * on, fetched at most once at a time however many calls wait for it, and dropped when a provider
 * rejects it. Thread-safe.
 */
final class TokenSource {

    private static final Logger log = LoggerFactory.getLogger(TokenSource.class);

    private final String name;
    private final Supplier<CompletableFuture<IssuedToken>> fetcher;
    private final LongSupplier nanoTime;
    // Guarded by this.
    private IssuedToken current;
    private CompletableFuture<IssuedToken> fetching;

    TokenSource(String name, Supplier<CompletableFuture<IssuedToken>> fetcher, LongSupplier nanoTime) {
        this.name = name;
        this.fetcher = fetcher;
        this.nanoTime = nanoTime;
    }

    /** A valid token: the cached one at once, or the one being fetched. */
    synchronized CompletableFuture<String> token() {
        long now = nanoTime.getAsLong();
        if (current != null && now - current.expiresAtNanos() < 0) {
            if (now - current.refreshAtNanos() >= 0 && fetching == null) {
                fetch();
            }
            return CompletableFuture.completedFuture(current.value());
        }
        CompletableFuture<IssuedToken> pending = fetching != null ? fetching : fetch();
        return pending.thenApply(IssuedToken::value);
    }

    /** A provider refused {@code token}: the next {@link #token()} fetches a new one (unless already replaced). */
    synchronized void rejected(String token) {
        if (current != null && current.value().equals(token)) {
            current = null;
        }
    }

    private CompletableFuture<IssuedToken> fetch() {
        CompletableFuture<IssuedToken> started;
        try {
            started = fetcher.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<IssuedToken> mine = started;
        fetching = mine;
        mine.whenComplete((token, failure) -> settle(mine, token, failure));
        return mine;
    }

    private synchronized void settle(CompletableFuture<IssuedToken> done, IssuedToken token, Throwable failure) {
        if (fetching == done) {
            fetching = null;
        }
        if (token != null) {
            current = token;
            log.debug("oauth2-client: new token for {}", name);
        } else {
            // The message names the endpoint, the client and the status, never the secret or a token.
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            log.warn("{}", cause.getMessage());
        }
    }
}

package io.courier.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's JWKS caches, one per document (file or URL) and refresh interval, shared by
 * every service that verifies tokens against it; closed when the application stops.
 */
final class JwksSources implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JwksSources.class);

    private static final int HTTP_TIMEOUT_MILLIS = 5_000;
    private static final int HTTP_SIZE_LIMIT = 256 * 1024;
    /** Fastest re-fetch for an unknown key id: a stream of forged kids must not hammer the IdP. */
    private static final long MAX_REFETCH_MILLIS = 30_000;

    private final Map<String, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();

    /** The cached key source for {@code options}; a file is read (and checked) here, at bind time. */
    JWKSource<SecurityContext> of(JwtOptions options) {
        String id = (options.jwksFile() != null ? options.jwksFile().toAbsolutePath() : options.jwksUrl()) + "@"
                + options.refreshSeconds();
        return sources.computeIfAbsent(id, ignored -> build(options));
    }

    private static JWKSource<SecurityContext> build(JwtOptions options) {
        long ttl = options.refreshSeconds() * 1000L;
        long refetch = Math.min(MAX_REFETCH_MILLIS, Math.max(1, ttl / 2));
        // Nimbus requires refresh-ahead time + refresh timeout <= time to live.
        long timeout = Math.min(HTTP_TIMEOUT_MILLIS, ttl / 4);
        JWKSourceBuilder<SecurityContext> builder;
        if (options.jwksFile() != null) {
            FileJwkSetSource file = new FileJwkSetSource(SecurityKeys.JWT_JWKS_FILE.name(), options.jwksFile());
            file.read();
            builder = JWKSourceBuilder.create(file).cache(ttl, timeout).refreshAheadCache(false);
        } else {
            DefaultResourceRetriever retriever =
                    new DefaultResourceRetriever(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, HTTP_SIZE_LIMIT);
            try {
                builder = JWKSourceBuilder.<SecurityContext>create(
                                options.jwksUrl().toURL(), retriever)
                        .cache(ttl, timeout)
                        // fetched in the background shortly before the cached set expires, so that
                        // no call waits for the identity provider once the first set is loaded
                        .refreshAheadCache(Math.min(30_000, ttl / 3), false)
                        .retrying(true);
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(
                        SecurityKeys.JWT_JWKS_URL.name() + ": " + options.jwksUrl() + " (expected: an https:// URL)",
                        e);
            }
        }
        JWKSource<SecurityContext> source = builder.rateLimited(refetch).build();
        if (options.jwksUrl() != null) {
            warm(source, options);
        }
        return source;
    }

    /**
     * Fetches the key set once at start-up, so that the first call does not wait for the identity
     * provider on a server thread. An unreachable provider does not stop the start: calls are
     * refused until the keys can be fetched.
     */
    private static void warm(JWKSource<SecurityContext> source, JwtOptions options) {
        try {
            int keys = source.get(new JWKSelector(new JWKMatcher.Builder().build()), null)
                    .size();
            log.info("jwt: {} key(s) from {}, refreshed every {} s", keys, options.jwksUrl(), options.refreshSeconds());
        } catch (KeySourceException e) {
            log.warn(
                    "jwt: no keys from {} yet ({}); calls are refused until they can be fetched",
                    options.jwksUrl(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        for (JWKSource<SecurityContext> source : sources.values()) {
            if (source instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException e) {
                    log.debug("closing a JWKS cache failed", e);
                }
            }
        }
        sources.clear();
    }
}

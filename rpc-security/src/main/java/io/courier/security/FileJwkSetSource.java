package io.courier.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

/**
 * A JWKS document in a file, read each time the cache in front of it asks (after its time to live,
 * or for a key id it does not know, rate-limited): replacing the file rotates the keys, and a key
 * removed from it is refused once the cache has refreshed. Public asymmetric keys only.
 */
final class FileJwkSetSource implements JWKSetSource<SecurityContext> {

    /** A JWKS document is a few kilobytes; a larger file is a mistake, not a key set. */
    static final long MAX_BYTES = 1024 * 1024;

    private final String key;
    private final Path file;

    FileJwkSetSource(String key, Path file) {
        this.key = key;
        this.file = file;
    }

    /** Reads and checks the file; the error names the option, the path and what is wrong. */
    JWKSet read() {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw invalid("a JWKS document of at most " + MAX_BYTES + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw invalid("a readable JWKS file; " + e.getClass().getSimpleName());
        }
        JWKSet set;
        try {
            set = JWKSet.parse(text);
        } catch (ParseException e) {
            throw invalid("a JWKS document (RFC 7517): " + e.getMessage());
        }
        for (JWK jwk : set.getKeys()) {
            if (jwk.isPrivate() || KeyType.OCT.equals(jwk.getKeyType())) {
                throw invalid("public asymmetric keys only; key '" + jwk.getKeyID() + "' is "
                        + (jwk.isPrivate() ? "private" : "a shared secret"));
            }
        }
        return set;
    }

    private IllegalArgumentException invalid(String expectation) {
        return new IllegalArgumentException(key + ": " + file + " (expected: " + expectation + ")");
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        try {
            return read();
        } catch (IllegalArgumentException e) {
            // The cache keeps serving the last good set until its time to live is over.
            throw new KeySourceException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {}
}

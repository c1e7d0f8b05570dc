package io.courier.filter.auth;

import io.courier.api.filter.FilterContext;
import io.courier.filter.config.FilterKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The request-signing settings of one side.
 *
 * @param secret the shared HMAC key, at least 32 bytes (UTF-8 of the configured text)
 * @param covered attachment names covered by the signature besides the fixed fields (default
 *     {@code courier.token, courier.tag, courier.deadline-ms}); must be the same on both sides
 * @param maxSkewMillis how far a request's timestamp may be from the provider's clock (default
 *     30,000)
 * @param nonceCacheSize the most nonces the provider remembers per service (default 200,000)
 */
record SignatureOptions(byte[] secret, List<String> covered, long maxSkewMillis, int nonceCacheSize) {

    SignatureOptions {
        secret = secret.clone();
        covered = List.copyOf(covered);
    }

    /** The options of {@code keys}, or empty when the secret is not set. */
    static Optional<SignatureOptions> parse(FilterContext context, FilterKeys.SignatureKeys keys) {
        Optional<String> secret = context.setting(keys.secret);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SignatureOptions(
                secret.get().getBytes(StandardCharsets.UTF_8),
                context.setting(keys.attachments).orElse(keys.attachments.defaultValue()),
                context.setting(keys.maxSkewMillis).orElse(keys.maxSkewMillis.defaultValue()),
                context.setting(keys.nonceCacheSize).orElse(keys.nonceCacheSize.defaultValue())));
    }

    @Override
    public String toString() {
        return "SignatureOptions(covered=" + covered + ", maxSkewMillis=" + maxSkewMillis + ", nonceCacheSize="
                + nonceCacheSize + ")";
    }
}

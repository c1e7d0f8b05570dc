package io.courier.filter.auth;

import io.courier.filter.internal.FilterProperties;
import io.courier.filter.internal.Setting;
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

    static final int MIN_SECRET_BYTES = 32;
    static final List<String> DEFAULT_COVERED = List.of("courier.token", "courier.tag", "courier.deadline-ms");

    SignatureOptions {
        secret = secret.clone();
        covered = List.copyOf(covered);
    }

    /** The options under {@code <name>.}, or empty when {@code <name>.secret} is not set. */
    static Optional<SignatureOptions> parse(FilterProperties properties, String name) {
        Optional<Setting> secret = properties.get(name + ".secret");
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SignatureOptions(
                Secrets.bytes(secret.get(), MIN_SECRET_BYTES),
                properties.get(name + ".attachments").map(Setting::asList).orElse(DEFAULT_COVERED),
                properties
                        .get(name + ".max-skew-millis")
                        .map(s -> s.asLong(1_000, 3_600_000))
                        .orElse(30_000L),
                properties
                        .get(name + ".nonce-cache-size")
                        .map(s -> s.asInt(1, 100_000_000))
                        .orElse(200_000)));
    }

    @Override
    public String toString() {
        return "SignatureOptions(covered=" + covered + ", maxSkewMillis=" + maxSkewMillis + ", nonceCacheSize="
                + nonceCacheSize + ")";
    }
}

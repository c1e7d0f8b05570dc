package io.courier.security;

import io.courier.api.Identity;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Tokens this provider has verified, with the identity each proved, so that a client's calls with
 * the same token cost a map lookup instead of a signature check (tens of microseconds for RS256,
 * more for ES256 on the JDK). An entry is used until the token's {@code exp} (without the skew) or
 * half the JWKS refresh interval, whichever comes first: a token whose key is removed from the
 * JWKS is refused within 1.5 refresh intervals, as without the cache within one. Keys are whole
 * token strings compared with {@code equals}: a tampered token never matches. Bounded: when full,
 * it is emptied. Thread-safe.
 */
final class VerifiedTokens {

    private record Entry(Identity identity, long untilMillis) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long maxAgeMillis;
    private final LongSupplier clock;

    VerifiedTokens(int maxEntries, long maxAgeMillis, LongSupplier clock) {
        this.maxEntries = maxEntries;
        this.maxAgeMillis = maxAgeMillis;
        this.clock = clock;
    }

    /** The identity {@code token} proved, if verified recently enough; else {@code null}. */
    Identity get(String token) {
        if (maxEntries == 0) {
            return null;
        }
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (clock.getAsLong() >= entry.untilMillis()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.identity();
    }

    /** Remembers a token that was just verified and expires at {@code expiry}. */
    void put(String token, Identity identity, Date expiry) {
        if (maxEntries == 0) {
            return;
        }
        long until = Math.min(expiry.getTime(), clock.getAsLong() + maxAgeMillis);
        if (entries.size() >= maxEntries) {
            // Simple and bounded; a provider with more live tokens than this should raise the size.
            entries.clear();
        }
        entries.put(token, new Entry(identity, until));
    }
}

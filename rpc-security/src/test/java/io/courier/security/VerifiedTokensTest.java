package io.courier.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Identity;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The verified-token cache on a fake clock: it never outlives the token, nor half the JWKS refresh. */
class VerifiedTokensTest {

    private static final Identity CALLER = Identity.ofToken("orders-client", "idp", Set.of(), Set.of(), Map.of());

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final VerifiedTokens tokens = new VerifiedTokens(2, 500, now::get);

    @Test
    void entryEndsAtTheTokensExpiry() {
        tokens.put("a", CALLER, new Date(now.get() + 100));

        assertThat(tokens.get("a")).isEqualTo(CALLER);
        now.addAndGet(100);
        assertThat(tokens.get("a")).isNull();
    }

    @Test
    void entryEndsAfterTheMaximumAge_soThatARemovedKeyStopsWorking() {
        tokens.put("a", CALLER, new Date(now.get() + 3_600_000));

        now.addAndGet(499);
        assertThat(tokens.get("a")).isEqualTo(CALLER);
        now.addAndGet(1);
        assertThat(tokens.get("a")).isNull();
    }

    @Test
    void onlyTheExactTokenMatches_andTheCacheStaysBounded() {
        tokens.put("a", CALLER, new Date(now.get() + 100));

        assertThat(tokens.get("a ")).isNull();
        tokens.put("b", CALLER, new Date(now.get() + 100));
        tokens.put("c", CALLER, new Date(now.get() + 100));
        assertThat(tokens.get("a")).as("emptied when full").isNull();
        assertThat(tokens.get("c")).isEqualTo(CALLER);
    }

    @Test
    void sizeZero_remembersNothing() {
        VerifiedTokens off = new VerifiedTokens(0, 500, now::get);

        off.put("a", CALLER, new Date(now.get() + 100));

        assertThat(off.get("a")).isNull();
    }
}

package io.courier.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token cache on a fake clock: one fetch for many callers, background refresh, replacement after a rejection. */
class TokenSourceTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final List<CompletableFuture<IssuedToken>> fetches = new ArrayList<>();
    private final TokenSource tokens = new TokenSource(
            "test",
            () -> {
                CompletableFuture<IssuedToken> fetch = new CompletableFuture<>();
                fetches.add(fetch);
                return fetch;
            },
            now::get);

    @Test
    void callersWaitingForTheFirstToken_shareOneFetch() {
        CompletableFuture<String> first = tokens.token();
        CompletableFuture<String> second = tokens.token();

        assertThat(fetches).hasSize(1);
        issue(0, "t1", 100);
        assertThat(first).isCompletedWithValue("t1");
        assertThat(second).isCompletedWithValue("t1");
    }

    @Test
    void tokenIsReplacedInTheBackgroundBeforeItExpires() {
        tokens.token();
        issue(0, "t1", 100); // refresh-before 60 s is capped at half the life: refresh from 50 s on

        now.addAndGet(49 * SECOND);
        assertThat(tokens.token()).isCompletedWithValue("t1");
        assertThat(fetches).hasSize(1);

        now.addAndGet(2 * SECOND);
        assertThat(tokens.token()).isCompletedWithValue("t1");
        assertThat(tokens.token()).isCompletedWithValue("t1");
        assertThat(fetches).as("one background refresh").hasSize(2);

        issue(1, "t2", 100);
        assertThat(tokens.token()).isCompletedWithValue("t2");
    }

    @Test
    void expiredToken_isNeverSent() {
        tokens.token();
        issue(0, "t1", 10);

        now.addAndGet(10 * SECOND);
        CompletableFuture<String> next = tokens.token();

        assertThat(next).isNotDone();
        issue(1, "t2", 10);
        assertThat(next).isCompletedWithValue("t2");
    }

    @Test
    void rejectedToken_isDropped_butNotItsReplacement() {
        tokens.token();
        issue(0, "t1", 3600);

        tokens.rejected("t1");
        CompletableFuture<String> fresh = tokens.token();
        issue(1, "t2", 3600);
        tokens.rejected("t1"); // a late second rejection of the old token

        assertThat(fresh).isCompletedWithValue("t2");
        assertThat(tokens.token()).isCompletedWithValue("t2");
        assertThat(fetches).hasSize(2);
    }

    @Test
    void failedFetch_failsTheWaitingCalls_andTheNextCallTriesAgain() {
        CompletableFuture<String> waiting = tokens.token();
        fetches.get(0).completeExceptionally(new IllegalStateException("token endpoint down"));

        assertThat(waiting).isCompletedExceptionally();
        tokens.token();
        assertThat(fetches).hasSize(2);
    }

    private void issue(int fetch, String value, long lifetimeSeconds) {
        fetches.get(fetch).complete(IssuedToken.of(value, now.get(), lifetimeSeconds, 60));
    }
}

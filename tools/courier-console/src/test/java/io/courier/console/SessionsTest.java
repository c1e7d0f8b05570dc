package io.courier.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final Sessions sessions = new Sessions("the-right-token-123", clock::get);

    @Test
    void rightToken_opensASession_withItsOwnCsrfToken() {
        Sessions.Session[] opened = new Sessions.Session[1];

        assertThat(sessions.login("alice", "the-right-token-123", opened)).isEqualTo(Sessions.Outcome.OK);
        assertThat(sessions.find(opened[0].id())).contains(opened[0]);
        assertThat(opened[0].csrf()).isNotEqualTo(opened[0].id()).hasSizeGreaterThan(40);
        assertThat(Sessions.csrfMatches(opened[0], opened[0].csrf())).isTrue();
        assertThat(Sessions.csrfMatches(opened[0], opened[0].id())).isFalse();
        assertThat(Sessions.csrfMatches(opened[0], null)).isFalse();
    }

    @Test
    void wrongTokens_areRefused_includingPrefixesAndEmpty() {
        Sessions.Session[] opened = new Sessions.Session[1];

        assertThat(sessions.login("mallory", "the-right-token-12", opened)).isEqualTo(Sessions.Outcome.REFUSED);
        assertThat(sessions.login("mallory", "the-right-token-1234", opened)).isEqualTo(Sessions.Outcome.REFUSED);
        assertThat(sessions.login("mallory", "", opened)).isEqualTo(Sessions.Outcome.REFUSED);
        assertThat(opened[0]).isNull();
    }

    @Test
    void tenFailuresInAMinute_refuseEvenTheRightToken_untilTheMinuteIsOver() {
        Sessions.Session[] opened = new Sessions.Session[1];
        for (int i = 0; i < Sessions.MAX_FAILURES_PER_MINUTE; i++) {
            sessions.login("mallory", "guess-" + i, opened);
        }

        assertThat(sessions.login("alice", "the-right-token-123", opened))
                .isEqualTo(Sessions.Outcome.TOO_MANY_FAILURES);
        clock.addAndGet(60_000);
        assertThat(sessions.login("alice", "the-right-token-123", opened)).isEqualTo(Sessions.Outcome.OK);
    }

    @Test
    void sessions_endAtLogoutAndAfterTheirLifetime() {
        Sessions.Session[] opened = new Sessions.Session[1];
        sessions.login("alice", "the-right-token-123", opened);
        String first = opened[0].id();
        sessions.login("alice", "the-right-token-123", opened);
        String second = opened[0].id();

        sessions.logout(first);
        assertThat(sessions.find(first)).isEmpty();
        assertThat(sessions.find(second)).isPresent();
        clock.addAndGet(Sessions.LIFETIME_MILLIS);
        assertThat(sessions.find(second)).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("made-up")).isEmpty();
    }
}

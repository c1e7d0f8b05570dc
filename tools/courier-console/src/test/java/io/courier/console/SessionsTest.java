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

        assertThat(sessions.login("alice", "the-right-token-123", "10.0.0.1", opened))
                .isEqualTo(Sessions.Outcome.OK);
        assertThat(sessions.find(opened[0].id())).contains(opened[0]);
        assertThat(opened[0].csrf()).isNotEqualTo(opened[0].id()).hasSizeGreaterThan(40);
        assertThat(Sessions.csrfMatches(opened[0], opened[0].csrf())).isTrue();
        assertThat(Sessions.csrfMatches(opened[0], opened[0].id())).isFalse();
        assertThat(Sessions.csrfMatches(opened[0], null)).isFalse();
    }

    @Test
    void wrongTokens_areRefused_includingPrefixesAndEmpty() {
        Sessions.Session[] opened = new Sessions.Session[1];

        assertThat(sessions.login("mallory", "the-right-token-12", "10.0.0.1", opened))
                .isEqualTo(Sessions.Outcome.REFUSED);
        assertThat(sessions.login("mallory", "the-right-token-1234", "10.0.0.1", opened))
                .isEqualTo(Sessions.Outcome.REFUSED);
        assertThat(sessions.login("mallory", "", "10.0.0.1", opened)).isEqualTo(Sessions.Outcome.REFUSED);
        assertThat(opened[0]).isNull();
    }

    @Test
    void failuresFromOneAddress_doNotLockAnotherOut() {
        Sessions.Session[] opened = new Sessions.Session[1];
        for (int i = 0; i <= Sessions.MAX_FAILURES_PER_MINUTE; i++) {
            sessions.login("mallory", "guess-" + i, "10.6.6.6", opened);
        }

        assertThat(sessions.login("mallory", "the-right-token-123", "10.6.6.6", opened))
                .isEqualTo(Sessions.Outcome.TOO_MANY_FAILURES);
        assertThat(sessions.login("alice", "the-right-token-123", "10.0.0.2", opened))
                .isEqualTo(Sessions.Outcome.OK);
    }

    @Test
    void theAddressesRemembered_areBounded() {
        Sessions.Session[] opened = new Sessions.Session[1];
        for (int i = 0; i < Sessions.MAX_FAILURES_PER_MINUTE; i++) {
            sessions.login("mallory", "guess", "10.0.0.0", opened);
        }
        assertThat(sessions.login("mallory", "guess", "10.0.0.0", opened))
                .isEqualTo(Sessions.Outcome.TOO_MANY_FAILURES);
        for (int i = 1; i < Sessions.MAX_ADDRESSES + 10; i++) {
            sessions.login("mallory", "guess", "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), opened);
        }
        // the first addresses' windows were forgotten to make room: they may try again
        assertThat(sessions.login("mallory", "guess", "10.0.0.0", opened)).isEqualTo(Sessions.Outcome.REFUSED);
    }

    @Test
    void tenFailuresInAMinute_refuseEvenTheRightToken_untilTheMinuteIsOver() {
        Sessions.Session[] opened = new Sessions.Session[1];
        for (int i = 0; i < Sessions.MAX_FAILURES_PER_MINUTE; i++) {
            sessions.login("mallory", "guess-" + i, "10.0.0.1", opened);
        }

        assertThat(sessions.login("alice", "the-right-token-123", "10.0.0.1", opened))
                .isEqualTo(Sessions.Outcome.TOO_MANY_FAILURES);
        clock.addAndGet(60_000);
        assertThat(sessions.login("alice", "the-right-token-123", "10.0.0.1", opened))
                .isEqualTo(Sessions.Outcome.OK);
    }

    @Test
    void sessions_endAtLogoutAndAfterTheirLifetime() {
        Sessions.Session[] opened = new Sessions.Session[1];
        sessions.login("alice", "the-right-token-123", "10.0.0.1", opened);
        String first = opened[0].id();
        sessions.login("alice", "the-right-token-123", "10.0.0.1", opened);
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

package io.courier.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Who is logged in. A login compares the typed token with the configured one in constant time (both
 * are hashed first, so neither their contents nor their lengths show in the timing) and opens a
 * session: a random id for the cookie and a random CSRF token that every state-changing request must
 * echo. Sessions end after {@link #LIFETIME_MILLIS} or at logout; at most {@link #MAX_SESSIONS} are
 * kept (the oldest goes first). Failed logins are limited to {@link #MAX_FAILURES_PER_MINUTE} a
 * minute per client address, so that one client guessing cannot lock every operator out; the
 * addresses are remembered for their minute, at most {@link #MAX_ADDRESSES} of them (past that,
 * the oldest window is forgotten first). Thread-safe.
 */
final class Sessions {

    static final long LIFETIME_MILLIS = 8 * 60 * 60 * 1000L;
    static final int MAX_SESSIONS = 1_000;
    static final int MAX_FAILURES_PER_MINUTE = 10;
    static final int MAX_ADDRESSES = 10_000;
    private static final long WINDOW_MILLIS = 60_000;

    /** A logged-in operator. */
    record Session(String id, String operator, String csrf, long expiresAtMillis) {}

    /** What a login attempt came to. */
    enum Outcome {
        OK,
        REFUSED,
        TOO_MANY_FAILURES
    }

    private final byte[] tokenHash;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    /** Each client address's failed logins in its current minute, oldest window first. */
    private final Map<String, Failures> failures = new LinkedHashMap<>();

    /** Failed logins of one address since {@code since}. */
    private static final class Failures {
        long since;
        int count;
    }

    Sessions(String token, LongSupplier clock) {
        this.tokenHash = sha256(token);
        this.clock = clock;
    }

    /**
     * Checks {@code token} sent from {@code address} (the client's IP address); on success a new session
     * for {@code operator} is stored in {@code opened[0]}.
     */
    synchronized Outcome login(String operator, String token, String address, Session[] opened) {
        long now = clock.getAsLong();
        Failures failed = failures.get(address);
        if (failed != null && now - failed.since >= WINDOW_MILLIS) {
            failures.remove(address);
            failed = null;
        }
        if (failed != null && failed.count >= MAX_FAILURES_PER_MINUTE) {
            return Outcome.TOO_MANY_FAILURES;
        }
        if (!MessageDigest.isEqual(tokenHash, sha256(token))) {
            if (failed == null) {
                if (failures.size() >= MAX_ADDRESSES) {
                    failures.remove(failures.keySet().iterator().next());
                }
                failed = new Failures();
                failed.since = now;
                failures.put(address, failed);
            }
            failed.count++;
            return Outcome.REFUSED;
        }
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.remove(sessions.keySet().iterator().next());
        }
        Session session = new Session(randomText(), operator, randomText(), now + LIFETIME_MILLIS);
        sessions.put(session.id(), session);
        opened[0] = session;
        return Outcome.OK;
    }

    /** The live session with cookie value {@code id}. */
    synchronized Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (clock.getAsLong() >= session.expiresAtMillis()) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    synchronized void logout(String id) {
        sessions.remove(id);
    }

    /** Constant-time comparison of a request's CSRF token with the session's. */
    static boolean csrfMatches(Session session, String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        session.csrf().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private String randomText() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

package io.courier.registry.mdns.internal;

import javax.jmdns.impl.constants.DNSConstants;

/**
 * The TTL of the records a process announces: the registry session timeout, in whole seconds (rounded
 * up), at least {@value #MIN_SECONDS}. JmDNS keeps one TTL per JVM (its {@code net.dns.ttl} property,
 * read once when JmDNS is first used), so the first
 * mDNS registry of a JVM fixes it and a later one that asks for another is refused. A consumer forgets a
 * record one TTL after it last heard it: a provider killed without a goodbye disappears within one TTL.
 */
public final class RecordTtl {

    /**
     * A goodbye leaves a record one second to live (RFC 6762, 10.1), and a TTL must be told from it. JmDNS
     * writes a record's remaining TTL rounded down to the second, so a record built a millisecond before
     * its message goes out arrives with one second less than it was given: a 2 s TTL would arrive as 1 s,
     * a goodbye's, and 3 s is the least that never does.
     */
    public static final int MIN_SECONDS = 3;

    static final String PROPERTY = "net.dns.ttl";

    private RecordTtl() {}

    /** The TTL of {@code sessionTimeoutMillis}. */
    public static int seconds(long sessionTimeoutMillis) {
        long seconds = (sessionTimeoutMillis + 999) / 1_000;
        if (seconds < MIN_SECONDS || seconds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sessionTimeoutMillis: " + sessionTimeoutMillis + " (expected: at least "
                    + MIN_SECONDS * 1_000 + " for mdns: it is the records' TTL, and a goodbye leaves 1 s)");
        }
        return (int) seconds;
    }

    /**
     * Fixes this JVM's TTL at {@code seconds} if JmDNS has not been used yet.
     *
     * @throws IllegalArgumentException if this JVM's JmDNS already announces another TTL
     */
    public static synchronized void fix(int seconds) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, Integer.toString(seconds));
        }
        int fixed = DNSConstants.DNS_TTL; // read once, when the class is first used
        if (fixed != seconds) {
            throw new IllegalArgumentException("sessionTimeoutMillis: " + seconds * 1_000L + " (expected: "
                    + fixed * 1_000L + ": this JVM's mDNS records already carry a TTL of " + fixed + " s, and JmDNS"
                    + " keeps one TTL per JVM)");
        }
    }
}

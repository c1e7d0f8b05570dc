package io.courier.transport;

import io.courier.api.internal.Arguments;

/**
 * How a {@link TransportClient} opens connections in the background and how hard it keeps trying
 * addresses that refuse them. Immutable; see {@code docs/transport.md}, "Connecting in the
 * background".
 *
 * @param backgroundConnects connects the client runs at once in the background (1 to 1,024; default
 *     16); more wait in line, first attempts ahead of repeated ones
 * @param reconnectsPerSecond repeated connects (to an address that failed before) the client starts
 *     per second, in the background and for calls together, however many addresses fail (1 to
 *     100,000; default 20)
 * @param staleAfterMillis how long an address must keep failing to be demoted (default 30,000)
 * @param staleRetryMillis the wait between connects to a demoted address, less the client's jitter
 *     (default 120,000)
 */
public record ReconnectPolicy(
        int backgroundConnects, int reconnectsPerSecond, long staleAfterMillis, long staleRetryMillis) {

    private static final ReconnectPolicy DEFAULTS = new ReconnectPolicy(16, 20, 30_000, 120_000);

    public ReconnectPolicy {
        Arguments.checkInRange(backgroundConnects, 1, 1_024, "backgroundConnects");
        Arguments.checkInRange(reconnectsPerSecond, 1, 100_000, "reconnectsPerSecond");
        Arguments.checkPositive(staleAfterMillis, "staleAfterMillis");
        Arguments.checkPositive(staleRetryMillis, "staleRetryMillis");
    }

    public static ReconnectPolicy defaults() {
        return DEFAULTS;
    }
}

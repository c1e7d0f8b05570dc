package io.courier.gateway;

import java.util.HashMap;
import java.util.Map;

/**
 * The streams each client has open through the gateway, by client (the same key as its rate
 * limit): at most {@code maxPerClient} each, so that one client cannot hold the gateway's stream
 * buffers for everyone. Thread-safe (one short lock); a client without open streams is forgotten.
 */
final class OpenStreams {

    private final int maxPerClient;
    private final Map<String, Integer> byClient = new HashMap<>();
    private int total;

    OpenStreams(int maxPerClient) {
        this.maxPerClient = maxPerClient;
    }

    /** Counts one more stream of {@code client}; false (nothing counted) when it has its maximum. */
    synchronized boolean tryOpen(String client) {
        int open = byClient.getOrDefault(client, 0);
        if (open >= maxPerClient) {
            return false;
        }
        byClient.put(client, open + 1);
        total++;
        return true;
    }

    /** One stream of {@code client} has ended; call once per successful {@link #tryOpen}. */
    synchronized void closed(String client) {
        Integer open = byClient.get(client);
        if (open == null) {
            return;
        }
        total--;
        if (open <= 1) {
            byClient.remove(client);
        } else {
            byClient.put(client, open - 1);
        }
    }

    /** Streams open now, of every client. */
    synchronized int total() {
        return total;
    }
}

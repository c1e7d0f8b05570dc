package io.courier.it;

import io.courier.api.Endpoint;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.LoadBalancer;
import io.courier.api.cluster.RouteKey;
import io.courier.spi.Extension;
import io.courier.spi.ExtensionLoader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code recording}: the {@code random} balancer, remembering when it last sent an attempt to each
 * endpoint and how many it sent. It sees every attempt, first tries and retries alike, which is how
 * the suite proves that no call goes to a dead provider. A pick of an ejected candidate is not
 * counted: the cluster skips it for an available one.
 *
 * <p>The records are static because the balancer is a singleton extension that the tests cannot
 * reach; each test {@link #reset() resets} them first.
 */
@Extension("recording")
public final class RecordingLoadBalancer implements LoadBalancer {

    private static final Map<Endpoint, AtomicLong> LAST_PICK_NANOS = new ConcurrentHashMap<>();
    private static final Map<Endpoint, AtomicLong> PICKS = new ConcurrentHashMap<>();

    /** Forgets every record. */
    static void reset() {
        LAST_PICK_NANOS.clear();
        PICKS.clear();
    }

    /** The {@link System#nanoTime()} of the last attempt sent to {@code endpoint}, or {@code Long.MIN_VALUE}. */
    static long lastPickNanos(Endpoint endpoint) {
        AtomicLong last = LAST_PICK_NANOS.get(endpoint);
        return last == null ? Long.MIN_VALUE : last.get();
    }

    /** Attempts sent to {@code endpoint} since the last reset. */
    static long picks(Endpoint endpoint) {
        AtomicLong picks = PICKS.get(endpoint);
        return picks == null ? 0 : picks.get();
    }

    /** Attempts sent to any endpoint since the last reset. */
    static long picks() {
        long total = 0;
        for (AtomicLong picks : PICKS.values()) {
            total += picks.get();
        }
        return total;
    }

    @Override
    public <C extends Candidate> Picker<C> picker(List<C> candidates, RouteKey key) {
        Picker<C> random = ExtensionLoader.of(LoadBalancer.class).get("random").picker(candidates, key);
        return (invocation, excluded) -> {
            C picked = random.pick(invocation, excluded);
            if (picked != null && picked.available()) {
                Endpoint endpoint = picked.instance().endpoint();
                LAST_PICK_NANOS.computeIfAbsent(endpoint, e -> new AtomicLong()).set(System.nanoTime());
                PICKS.computeIfAbsent(endpoint, e -> new AtomicLong()).incrementAndGet();
            }
            return picked;
        };
    }
}

package io.courier.examples.extending;

import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.LoadBalancer;
import io.courier.api.cluster.RouteKey;
import io.courier.spi.Extension;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code primary}: every call goes to one instance, the primary, while it is available; the others
 * are standbys, tried in a fixed order when it fails. For services that must be served by one
 * instance at a time (a single writer, a warm cache) but should survive its loss.
 *
 * <p>The primary is the instance with the highest registered weight, ties broken by host and then
 * port, so every consumer picks the same one. The order is computed once per candidate list in
 * {@link #picker}; {@link Picker#pick} only walks it. The extension holds no state: one instance
 * serves every reference. Unavailable candidates (ejected after connection failures) need no check
 * here: the cluster passes them in {@code excluded} while an available one is left.
 */
@Extension("primary")
public final class PrimaryBackupLoadBalancer implements LoadBalancer {

    private static final Comparator<Candidate> PRIMARY_FIRST = Comparator.comparingInt(
                    (Candidate candidate) -> -candidate.instance().weight())
            .thenComparing(candidate -> candidate.instance().endpoint().host())
            .thenComparingInt(candidate -> candidate.instance().endpoint().port());

    @Override
    public <C extends Candidate> Picker<C> picker(List<C> candidates, RouteKey key) {
        List<C> ordered = new ArrayList<>(candidates);
        ordered.sort(PRIMARY_FIRST);
        List<C> order = List.copyOf(ordered);
        return (invocation, excluded) -> {
            for (C candidate : order) {
                // excluded is empty on a first attempt: the primary is returned without a lookup.
                if (excluded.isEmpty() || !excluded.contains(candidate)) {
                    return candidate;
                }
            }
            return null;
        };
    }
}

package io.courier.cluster.loadbalance;

import io.courier.api.Invocation;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.LoadBalancer;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A consistent-hash ring over a fixed candidate list: sorted 64-bit points, each owned by one
 * candidate. Immutable once built, so picks need no lock.
 */
final class HashRing<C extends Candidate> implements LoadBalancer.Picker<C> {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final List<C> candidates;
    private final int[] hashedParameters;
    private final long[] points;
    private final int[] owners;

    HashRing(List<C> candidates, int virtualNodes, int[] hashedParameters) {
        this.candidates = candidates;
        this.hashedParameters = hashedParameters;
        int size = candidates.size() * virtualNodes;
        long[][] entries = new long[size][];
        int next = 0;
        for (int owner = 0; owner < candidates.size(); owner++) {
            String endpoint = candidates.get(owner).instance().endpoint().toString();
            for (int node = 0; node < virtualNodes; node++) {
                long point = mix(append(append(FNV_OFFSET, endpoint), "#" + node));
                entries[next++] = new long[] {point, owner};
            }
        }
        // Ties (astronomically rare) are broken by endpoint position so that the ring is deterministic.
        Arrays.sort(entries, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        this.points = new long[size];
        this.owners = new int[size];
        for (int i = 0; i < size; i++) {
            points[i] = entries[i][0];
            owners[i] = (int) entries[i][1];
        }
    }

    @Override
    public C pick(Invocation invocation, Collection<? extends Candidate> excluded) {
        int start = indexOf(hash(invocation));
        if (excluded.isEmpty()) {
            return candidates.get(owners[start]);
        }
        for (int step = 0; step < points.length; step++) {
            C candidate = candidates.get(owners[(start + step) % points.length]);
            if (!excluded.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private int indexOf(long keyHash) {
        int found = Arrays.binarySearch(points, keyHash);
        int index = found >= 0 ? found : -found - 1;
        return index == points.length ? 0 : index;
    }

    private long hash(Invocation invocation) {
        if (hashedParameters.length == 0) {
            return mix(append(FNV_OFFSET, invocation.method().name()));
        }
        long hash = FNV_OFFSET;
        for (int i = 0; i < hashedParameters.length; i++) {
            if (i > 0) {
                hash = (hash ^ 0x1f) * FNV_PRIME;
            }
            hash = append(hash, String.valueOf(invocation.argument(hashedParameters[i])));
        }
        return mix(hash);
    }

    /** FNV-1a over the UTF-16 units of {@code text}, continuing from {@code hash}. */
    private static long append(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }

    /** The MurmurHash3 finalizer: spreads FNV's weak high bits over the whole ring. */
    private static long mix(long hash) {
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }
}

package io.courier.cluster.loadbalance;

import io.courier.api.HashKey;
import io.courier.api.MethodDescriptor;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.LoadBalancer;
import io.courier.api.cluster.RouteKey;
import io.courier.spi.Extension;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code consistenthash}: calls whose hashed arguments are equal go to the same instance, and when
 * an instance leaves, only the keys it served move (to its neighbours on the ring).
 *
 * <p>Each candidate is placed on a 64-bit hash ring at {@value #VIRTUAL_NODES} points (virtual
 * nodes) derived from its endpoint, so the mapping depends only on the set of endpoints, not on
 * their order, and is the same in every consumer. A call hashes the arguments of the parameters
 * marked {@link HashKey} (else the first argument; the method name when there is none) and goes to
 * the first point at or after its hash. On a retry, the walk continues clockwise to the next
 * instance not yet tried. Weights and warm-up are not used: moving keys to follow weights would
 * defeat the point of a stable mapping.
 *
 * <p>The ring is built when the routed list changes (about {@value #VIRTUAL_NODES} × n hashes and
 * a sort); a pick is one argument hash and a binary search, lock-free.
 */
@Extension("consistenthash")
public final class ConsistentHashLoadBalancer implements LoadBalancer {

    /** Ring points per instance; enough to keep each instance's share within a few percent. */
    public static final int VIRTUAL_NODES = 160;

    @Override
    public <C extends Candidate> Picker<C> picker(List<C> candidates, RouteKey key) {
        return new HashRing<>(candidates, VIRTUAL_NODES, hashedParameters(key.method()));
    }

    /** The positions of the arguments to hash: the {@link HashKey} parameters, else the first. */
    static int[] hashedParameters(MethodDescriptor method) {
        // a generic descriptor has no method: its calls hash on the first argument
        Annotation[][] annotations =
                method.method() == null ? new Annotation[0][] : method.method().getParameterAnnotations();
        List<Integer> marked = new ArrayList<>();
        for (int i = 0; i < annotations.length; i++) {
            for (Annotation annotation : annotations[i]) {
                if (annotation instanceof HashKey) {
                    marked.add(i);
                }
            }
        }
        if (marked.isEmpty()) {
            return method.parameterCount() == 0 ? new int[0] : new int[] {0};
        }
        return marked.stream().mapToInt(Integer::intValue).toArray();
    }
}

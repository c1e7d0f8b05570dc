package io.courier.registry.zookeeper.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Hands out one shared copy of equal immutable values. The providers of one service usually carry
 * the same service key, application, method list and serializers; sharing them makes a consumer's
 * memory grow with the number of distinct values rather than with the number of instances.
 *
 * <p>Bounded: past {@value #MAX_VALUES} values it starts over, so hostile or ever-changing data
 * cannot make it grow without limit. Not thread-safe: each owner uses it from one thread at a time.
 */
public final class Interner {

    static final int MAX_VALUES = 4_096;

    private final Map<Object, Object> values = new HashMap<>();

    /** {@code value}, or an equal value handed out earlier. Values must be immutable. */
    @SuppressWarnings("unchecked")
    public <T> T intern(T value) {
        if (values.size() >= MAX_VALUES) {
            values.clear();
        }
        Object known = values.putIfAbsent(value, value);
        return known == null ? value : (T) known;
    }
}

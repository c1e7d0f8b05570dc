package io.courier.core.document;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out one shared copy of equal immutable values. The providers of one service usually carry
 * the same service key, application, method list and serializers; sharing them makes a consumer's
 * memory grow with the number of distinct values rather than with the number of instances.
 *
 * <p>Bounded: past {@value #MAX_VALUES} values it starts over, so hostile or ever-changing data
 * cannot make it grow without limit. Thread-safe.
 */
public final class Interner {

    static final int MAX_VALUES = 4_096;

    private final Map<Object, Object> values = new ConcurrentHashMap<>();

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

package io.courier.protocol.internal;

import io.courier.api.serialization.DeserializationPolicy;
import io.protostuff.CollectionSchema;
import io.protostuff.MapSchema;
import io.protostuff.Schema;
import io.protostuff.runtime.DefaultIdStrategy;
import io.protostuff.runtime.IdStrategy;
import io.protostuff.runtime.RuntimeSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Protostuff's per-use state: one id strategy for writing, and for every policy an id strategy of
 * its own (so that a class admitted under one policy is never found in the cache of another) with
 * the class loader that consults that policy.
 */
public final class ProtostuffRuntime {

    /** Enums by name survive reordering; null elements survive in collections and arrays. */
    static final int FLAGS =
            IdStrategy.ENUMS_BY_NAME | IdStrategy.AUTO_LOAD_POLYMORPHIC_CLASSES | IdStrategy.PRESERVE_NULL_ELEMENTS;

    private final DefaultIdStrategy writeStrategy = newStrategy(null);
    private final Map<DeserializationPolicy, Reading> readings = new ConcurrentHashMap<>();

    public IdStrategy writeStrategy() {
        return writeStrategy;
    }

    public <T> Schema<T> writeSchema(Class<T> type) {
        return RuntimeSchema.getSchema(type, writeStrategy);
    }

    public Reading reading(DeserializationPolicy policy) {
        return readings.computeIfAbsent(policy, Reading::new);
    }

    /** What reading under one policy needs. */
    public static final class Reading {
        private final DefaultIdStrategy strategy;
        private final ClassLoader loader;
        private final DeserializationPolicy policy;
        private final Set<Class<?>> admitted = ConcurrentHashMap.newKeySet();

        Reading(DeserializationPolicy policy) {
            this.strategy = newStrategy(policy);
            this.policy = policy;
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            ClassLoader parent = context != null ? context : ProtostuffRuntime.class.getClassLoader();
            this.loader = new PolicyClassLoader(policy, parent);
        }

        public <T> Schema<T> schema(Class<T> type) {
            return RuntimeSchema.getSchema(type, strategy);
        }

        /**
         * Checks a declared class against the policy. A class admitted once is admitted again
         * without asking: a policy's answer for a name does not change, as protostuff's class
         * cache in this reading's strategy already relies on. Refusals are asked every time.
         */
        public void checkDeclared(Class<?> type) {
            if (!admitted.contains(type)) {
                policy.checkClass(type.getName());
                admitted.add(type);
            }
        }

        /** The loader to install as the context class loader while protostuff reads. */
        public ClassLoader loader() {
            return loader;
        }
    }

    /** A strategy for writing ({@code policy} null) or for reading under {@code policy}. */
    private static DefaultIdStrategy newStrategy(DeserializationPolicy policy) {
        DefaultIdStrategy strategy = new DefaultIdStrategy(FLAGS);
        TimeDelegates.register(strategy, policy);
        // The JDK's unmodifiable collections cannot be rebuilt by reflection; they travel under
        // their own names and arrive as the ordinary mutable collection of the same kind.
        collection(strategy, List.of(1).getClass(), ArrayList::new);
        collection(strategy, List.of(1, 2, 3).getClass(), ArrayList::new);
        collection(strategy, Arrays.asList(1).getClass(), ArrayList::new);
        collection(strategy, Collections.emptyList().getClass(), ArrayList::new);
        collection(strategy, Collections.singletonList(1).getClass(), ArrayList::new);
        collection(strategy, Collections.unmodifiableList(new ArrayList<>()).getClass(), ArrayList::new);
        collection(
                strategy,
                Collections.unmodifiableList(new java.util.LinkedList<>()).getClass(),
                ArrayList::new);
        collection(
                strategy, Collections.unmodifiableCollection(new ArrayList<>()).getClass(), ArrayList::new);
        collection(strategy, Set.of(1).getClass(), LinkedHashSet::new);
        collection(strategy, Set.of(1, 2, 3).getClass(), LinkedHashSet::new);
        collection(strategy, Collections.emptySet().getClass(), LinkedHashSet::new);
        collection(strategy, Collections.singleton(1).getClass(), LinkedHashSet::new);
        collection(strategy, Collections.unmodifiableSet(new LinkedHashSet<>()).getClass(), LinkedHashSet::new);
        map(strategy, Map.of(1, 1).getClass(), HashMap::new);
        map(strategy, Map.of(1, 1, 2, 2).getClass(), HashMap::new);
        map(strategy, Collections.emptyMap().getClass(), LinkedHashMap::new);
        map(strategy, Collections.singletonMap(1, 1).getClass(), LinkedHashMap::new);
        map(strategy, Collections.unmodifiableMap(new LinkedHashMap<>()).getClass(), LinkedHashMap::new);
        return strategy;
    }

    private static void collection(
            DefaultIdStrategy strategy, Class<?> type, java.util.function.Supplier<Collection<Object>> factory) {
        strategy.registerCollection(new CollectionSchema.MessageFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <V> Collection<V> newMessage() {
                return (Collection<V>) factory.get();
            }

            @Override
            public Class<?> typeClass() {
                return type;
            }
        });
    }

    private static void map(
            DefaultIdStrategy strategy, Class<?> type, java.util.function.Supplier<Map<Object, Object>> factory) {
        strategy.registerMap(new MapSchema.MessageFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <K, V> Map<K, V> newMessage() {
                return (Map<K, V>) factory.get();
            }

            @Override
            public Class<?> typeClass() {
                return type;
            }
        });
    }
}

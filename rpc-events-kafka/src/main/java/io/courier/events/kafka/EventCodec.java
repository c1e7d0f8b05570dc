package io.courier.events.kafka;

import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.serialization.ClassAllowList;
import io.courier.protocol.serialization.HessianPayloadWriter;
import io.courier.spi.ExtensionLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events to record values and back, with Courier's serializers. Reading builds only what the
 * subscription's strict allow-list permits (its event type and what its fields reach): a record
 * whose type header or payload names another class is refused before anything loads that class
 * ({@link EventReader}). Thread-safe.
 */
final class EventCodec {

    private final ExtensionLoader<Serializer> serializers = ExtensionLoader.of(Serializer.class);
    private final Map<Class<?>, DeserializationPolicy> policies = new ConcurrentHashMap<>();

    /** The payload of {@code event}, written by {@code serializer} (named {@code name}) as a value of {@code type}. */
    static byte[] write(Serializer serializer, String name, Object event, Class<?> type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try {
            Serializer.ValueWriter writer = serializer.writer(ByteSink.of(out));
            writer.write(event, type);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a " + type.getName() + " event with " + name, e);
        }
        return out.toByteArray();
    }

    /** The payload of {@code event}, written by {@code hessian} as a value of {@code type}. */
    static byte[] write(HessianPayloadWriter hessian, Object event, Class<?> type) {
        try {
            return hessian.write(event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a " + type.getName() + " event with hessian", e);
        }
    }

    /** The allow-list a subscription to {@code type} reads under: one per type, so the serializers' per-policy state is too. */
    DeserializationPolicy policyFor(Class<?> type) {
        return policies.computeIfAbsent(
                type, allowed -> ClassAllowList.builder().allowClass(allowed).build());
    }

    /** A reader of records of {@code type} under its allow-list, for one consumer thread. */
    <E> EventReader<E> reader(Class<E> type) {
        return new EventReader<>(this, type, policyFor(type));
    }

    /** Whether serializer {@code name} exists; its names otherwise. */
    boolean hasSerializer(String name) {
        return serializers.has(name);
    }

    String serializerNames() {
        return String.valueOf(serializers.names());
    }

    Serializer serializer(String name) {
        return serializers.get(name);
    }

    static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}

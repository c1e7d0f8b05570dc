package io.courier.serialization.msgpack;

import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.spi.Extension;

/**
 * The {@code msgpack} serializer (id 5): each value is one MessagePack value, values one after
 * another, readable by any MessagePack library. It follows the json serializer's rules, on a smaller
 * wire:
 *
 * <ul>
 *   <li>Only declared types are built: no class name or type id travels, the declared class of each
 *       value is checked against the policy before reading, and a value declared as {@code Object}
 *       becomes maps, lists, strings, numbers and booleans. Extension types are refused.
 *   <li>Nesting depth, the elements of all arrays and maps of one value together, and each string's
 *       and binary's length are checked against the policy on each header, before anything is
 *       allocated for it ({@link MessagePackTreeReader}).
 *   <li>Objects are maps of their non-static, non-transient fields by name. A field the reader's class
 *       lacks is skipped and one the writer's class lacked keeps its default, so two versions of a
 *       class read each other; {@code null} for a primitive is refused.
 *   <li>{@code java.time} values are ISO-8601 strings; {@code BigDecimal}s, and integers beyond 64
 *       bits, decimal strings; {@code byte[]} a MessagePack binary.
 *   <li>Exceptions are not written as objects: a caller gets their class, message and stack.
 * </ul>
 */
@Extension("msgpack")
public final class MessagePackSerializer implements Serializer {

    /** The header id of this serializer. */
    public static final byte ID = 5;

    @Override
    public byte id() {
        return ID;
    }

    @Override
    public ValueWriter writer(ByteSink sink) {
        return new MessagePackValueWriter(sink.asOutputStream());
    }

    @Override
    public ValueReader reader(ByteSource source, DeserializationPolicy policy) {
        return new MessagePackValueReader(source.asInputStream(), policy);
    }
}

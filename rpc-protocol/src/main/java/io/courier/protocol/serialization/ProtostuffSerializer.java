package io.courier.protocol.serialization;

import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.ProtostuffRuntime;
import io.courier.spi.Extension;

/**
 * The default serializer ({@code protostuff}, id 1): protostuff's runtime schemas, compact and
 * fast, behind Courier's own value tags so that the common cases carry no class names.
 *
 * <pre>
 * value := tag u8, then
 *   0 null | 1 string (varint length, UTF-8) | 2 int (zigzag varint) | 3 long (zigzag varint)
 *   4 true | 5 false | 6 double (8 bytes little endian)
 *   7 object of exactly the declared class: varint length, protostuff message
 *   8 collection of exactly the declared element class: varint count, per element varint
 *     (length + 1, 0 for null) and protostuff message
 *   9 exception: varint length, protostuff message of its data (class name, message, stack, cause)
 *   10 anything else: varint length, protostuff message whose one polymorphic field names classes
 * </pre>
 *
 * <p>Every class name in the input goes through the policy before it is loaded (protostuff loads
 * classes through the thread's context class loader, which is a policy-checking loader while a
 * value is read); depth, string lengths and array lengths are checked by Courier's own protostuff
 * input before protostuff allocates. Records cannot be written (Java 17 lets no library set a
 * record's fields); use {@code hessian} or a class. A field, collection element or map value
 * declared with a concrete class carries an instance of exactly that class: a subclass's own fields
 * are not written. The writing and reading sessions are {@code ProtostuffWriter} and {@code
 * ProtostuffReader}.
 *
 * <p>A writing session writes only to the {@link ByteSink} it is given: each message is encoded
 * into an array the thread reuses and reaches the sink as its size and one write, byte for byte
 * what protostuff's own {@code ProtostuffOutput} writes. A reading session reads the protocol's
 * source in place (its frame buffer); any other {@link ByteSource} is read whole first. {@code LocalDate} (sint64 epoch day), {@code LocalTime} (int64
 * nano of day), {@code LocalDateTime}, {@code Instant} and {@code Duration} (bytes: zigzag varint
 * seconds, varint nanos) are protostuff scalars, not messages of their fields: a wire change of
 * 2026-11-21, so both ends must run Courier builds from the same side of it (docs/protocol.md).
 */
@Extension("protostuff")
public final class ProtostuffSerializer implements Serializer {

    /** The header id of this serializer. */
    public static final byte ID = 1;

    static final int NULL = 0;
    static final int STRING = 1;
    static final int INT = 2;
    static final int LONG = 3;
    static final int TRUE = 4;
    static final int FALSE = 5;
    static final int DOUBLE = 6;
    static final int OBJECT = 7;
    static final int OBJECTS = 8;
    static final int THROWABLE = 9;
    static final int DYNAMIC = 10;

    private final ProtostuffRuntime runtime = new ProtostuffRuntime();

    @Override
    public byte id() {
        return ID;
    }

    @Override
    public ValueWriter writer(ByteSink sink) {
        return new ProtostuffWriter(runtime, sink);
    }

    @Override
    public ValueReader reader(ByteSource source, DeserializationPolicy policy) {
        return new ProtostuffReader(runtime, source, policy);
    }
}

package io.courier.examples.extending;

import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.spi.Extension;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@code records} (id 16): a small self-describing binary format for services whose values are
 * records, which the default {@code protostuff} serializer cannot write. It carries {@code null},
 * {@link String}, {@link Integer}, {@link Long}, {@link Boolean}, {@link Double}, lists, maps with
 * string keys, and records made of these; anything else is refused with a {@code SERIALIZATION}
 * error naming its class.
 *
 * <pre>
 * value := tag u8, then
 *   0 null | 1 string: u32 length, UTF-8 | 2 int: i32 | 3 long: i64 | 4 boolean: u8 | 5 double: f64
 *   6 list: u32 count, count values | 7 map: u32 count, count (string value, value) pairs
 *   8 record: string class name, u8 component count, the components' values in declaration order
 * </pre>
 *
 * <p>Reading is where a serializer must be careful: {@link RecordReader} asks the policy about a
 * record's class name before it loads the class, checks string lengths and element counts against
 * the policy's limits before it allocates, counts nesting, and builds a record only through its
 * canonical constructor. Exceptions are not carried: a business exception thrown by the provider
 * reaches the consumer as a {@code RemoteException} with the original class name, message and stack.
 *
 * <p>Stateless and thread-safe; the writer and reader sessions are not.
 */
@Extension("records")
public final class RecordSerializer implements Serializer {

    /** The id in every frame written with this serializer: 1 and 2 are Courier's own. */
    public static final byte ID = 16;

    @Override
    public byte id() {
        return ID;
    }

    @Override
    public ValueWriter writer(OutputStream out) {
        return new RecordWriter(out);
    }

    @Override
    public ValueReader reader(InputStream in, DeserializationPolicy policy) {
        return new RecordReader(in, policy);
    }
}

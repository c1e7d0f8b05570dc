package io.courier.protocol.serialization;

import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.json.JsonMappers;
import io.courier.spi.Extension;

/**
 * The {@code json} serializer (id 3): each value is one JSON document written by Jackson for its
 * declared type, documents separated by a space. It is what generic calls (the HTTP gateway, scripts)
 * use, and it obeys the same rules as the binary serializers:
 *
 * <ul>
 *   <li>Only declared types are built: no type ids are read or written ({@code @JsonTypeInfo},
 *       {@code @JsonSubTypes} and default typing are switched off), so an {@code @class} or {@code
 *       @type} field is an unknown property and the request is refused with no class loaded. A field
 *       declared as {@code Object} becomes maps, lists, strings, numbers and booleans.
 *   <li>The declared class of each value is checked against the policy before reading.
 *   <li>Nesting depth and string length are Jackson {@code StreamReadConstraints} from the policy,
 *       enforced while parsing; the elements of all arrays and objects of one value are counted
 *       against {@link DeserializationPolicy#maxCollectionLength()} before any object is bound; a
 *       document is at most {@link JsonMappers#MAX_DOCUMENT_BYTES} bytes.
 *   <li>Objects are their non-static, non-transient fields (as for protostuff); unknown properties
 *       and {@code null} for a primitive are refused; strings are not coerced into numbers.
 *   <li>{@code java.time} values are ISO-8601 strings ({@code 2026-11-22T10:00:00Z}, {@code PT1S}).
 *   <li>Exceptions are not written as objects: a caller gets their class, message and stack.
 * </ul>
 *
 * A caller that holds values as parsed JSON (a {@code JsonNode}, declared as such) has them written
 * and read as they are.
 */
@Extension("json")
public final class JsonSerializer implements Serializer {

    /** The header id of this serializer. */
    public static final byte ID = 3;

    @Override
    public byte id() {
        return ID;
    }

    @Override
    public ValueWriter writer(ByteSink sink) {
        return new JsonValueWriter(sink.asOutputStream());
    }

    @Override
    public ValueReader reader(ByteSource source, DeserializationPolicy policy) {
        return new JsonValueReader(source.asInputStream(), policy);
    }
}

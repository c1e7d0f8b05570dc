package io.courier.serialization.msgpack;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import io.courier.protocol.json.JsonMappers;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * How MessagePack trees become values and values trees: Courier's one Jackson configuration
 * ({@link JsonMappers}: declared types only, no type ids, fields as protostuff sees them, {@code
 * java.time} as ISO-8601 text), with two differences that MessagePack needs. A property the declared
 * class does not have is skipped, so two versions of a class read each other (as with protostuff and
 * fory); and a {@code BigDecimal} or {@code BigInteger} field reads its decimal string, the form
 * {@link MessagePackTreeWriter} gives numbers MessagePack has no type for.
 */
final class MessagePackBinding {

    private static final ObjectMapper MAPPER = build();

    private MessagePackBinding() {}

    /** The mapper values are turned into trees and trees bound with; thread-safe. */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper build() {
        ObjectMapper mapper = JsonMappers.writing().copy();
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        for (Class<?> big : new Class<?>[] {BigDecimal.class, BigInteger.class}) {
            mapper.coercionConfigFor(big).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        }
        return mapper;
    }
}

package io.courier.serialization.msgpack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.msgpack.core.MessagePacker;

/**
 * Writes JSON trees as MessagePack, the inverse of {@link MessagePackTreeReader}: objects as maps
 * with string keys, integers in the smallest format that holds them, floats as float32 or float64 as
 * the tree has them, binary as bin. What MessagePack has no type for is text: a decimal number, and
 * an integer outside the 64-bit range, are written as their decimal string (read back into a {@code
 * BigDecimal} or {@code BigInteger} field as such). Stateless.
 */
public final class MessagePackTreeWriter {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private MessagePackTreeWriter() {}

    /** Writes {@code value} to {@code out}, which it neither flushes nor closes. */
    public static void write(MessagePacker out, JsonNode value) throws IOException {
        switch (value.getNodeType()) {
            case NULL, MISSING -> out.packNil();
            case BOOLEAN -> out.packBoolean(value.booleanValue());
            case NUMBER -> number(out, value);
            case STRING -> packText(out, value.textValue());
            case BINARY -> {
                byte[] bytes = value.binaryValue();
                out.packBinaryHeader(bytes.length);
                out.writePayload(bytes);
            }
            case ARRAY -> {
                out.packArrayHeader(value.size());
                for (JsonNode element : value) {
                    write(out, element);
                }
            }
            case OBJECT -> {
                out.packMapHeader(value.size());
                for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    packText(out, field.getKey());
                    write(out, field.getValue());
                }
            }
            default -> throw new IOException("a " + value.getNodeType() + " node has no MessagePack form");
        }
    }

    private static void number(MessagePacker out, JsonNode value) throws IOException {
        if (value.isIntegralNumber()) {
            if (value.canConvertToLong()) {
                out.packLong(value.longValue());
            } else if (value.bigIntegerValue().signum() > 0
                    && value.bigIntegerValue().compareTo(UINT64_MAX) <= 0) {
                out.packBigInteger(value.bigIntegerValue());
            } else {
                packText(out, value.bigIntegerValue().toString());
            }
        } else if (value.isFloat()) {
            out.packFloat(value.floatValue());
        } else if (value.isDouble()) {
            out.packDouble(value.doubleValue());
        } else {
            packText(out, value.decimalValue().toString());
        }
    }

    private static void packText(MessagePacker out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.packRawStringHeader(utf8.length);
        out.writePayload(utf8);
    }
}

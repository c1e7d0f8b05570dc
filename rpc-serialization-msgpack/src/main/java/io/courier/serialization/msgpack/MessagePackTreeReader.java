package io.courier.serialization.msgpack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageSizeException;
import org.msgpack.core.MessageUnpacker;

/**
 * Reads MessagePack values into JSON trees under limits, checked on each header before anything is
 * allocated for what it announces: nesting depth, the elements of all arrays and maps of one value
 * together, and the length of each string and binary. Map keys must be strings and appear once;
 * extension types are refused (no type of the input names a class). Not thread-safe; one reader per
 * input.
 *
 * <pre>
 *   nil, bool, int, float, str, bin, array, map  ->  null, boolean, number, text, binary, array, object
 *   uint64 past Long.MAX_VALUE                   ->  a BigInteger number
 *   ext (any type, timestamps too)               ->  refused (SERIALIZATION)
 * </pre>
 */
public final class MessagePackTreeReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final MessageUnpacker in;
    private final int maxDepth;
    private final int maxElements;
    private final int maxStringLength;
    private long elements;

    /**
     * A reader of {@code in}, which it never closes, with the given limits (each &gt; 0).
     *
     * @param maxDepth the deepest nesting of arrays and maps in one value
     * @param maxElements the elements of all arrays and maps of one value together
     * @param maxStringLength the longest string (in UTF-8 bytes) or binary
     */
    public MessagePackTreeReader(MessageUnpacker in, int maxDepth, int maxElements, int maxStringLength) {
        this.in = in;
        this.maxDepth = maxDepth;
        this.maxElements = maxElements;
        this.maxStringLength = maxStringLength;
    }

    /** Whether another value follows. */
    public boolean hasNext() throws IOException {
        return in.hasNext();
    }

    /**
     * The next value as a tree.
     *
     * @throws RpcException with {@link ErrorCode#SERIALIZATION} if a limit is exceeded or the input
     *     holds what a tree cannot (an extension type, a key that is not a string, a repeated key)
     * @throws EOFException if the input ends inside the value or before it
     * @throws IOException if the input is not MessagePack
     */
    public JsonNode next() throws IOException {
        elements = 0;
        try {
            if (!in.hasNext()) {
                throw new EOFException("no MessagePack value left");
            }
            return value(1);
        } catch (MessageInsufficientBufferException e) {
            throw new EOFException("the MessagePack value ends early");
        } catch (MessageSizeException e) {
            // a length past 2^31-1, beyond every limit a policy can set
            throw refused("a MessagePack length beyond every limit (maxCollectionLength, maxStringLength)");
        } catch (MessagePackException e) {
            throw new IOException("malformed MessagePack: " + e.getClass().getSimpleName(), e);
        }
    }

    private JsonNode value(int depth) throws IOException {
        MessageFormat format = in.getNextFormat();
        switch (format.getValueType()) {
            case NIL:
                in.unpackNil();
                return NODES.nullNode();
            case BOOLEAN:
                return NODES.booleanNode(in.unpackBoolean());
            case INTEGER:
                return integer(format);
            case FLOAT:
                return format == MessageFormat.FLOAT32
                        ? NODES.numberNode(in.unpackFloat())
                        : NODES.numberNode(in.unpackDouble());
            case STRING:
                return NODES.textNode(
                        new String(in.readPayload(length(in.unpackRawStringHeader())), StandardCharsets.UTF_8));
            case BINARY:
                return NODES.binaryNode(in.readPayload(length(in.unpackBinaryHeader())));
            case ARRAY:
                return array(depth);
            case MAP:
                return map(depth);
            default:
                throw refused("MessagePack extension types are not accepted");
        }
    }

    private JsonNode integer(MessageFormat format) throws IOException {
        if (format == MessageFormat.UINT64) {
            BigInteger value = in.unpackBigInteger();
            return value.bitLength() < 64 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
        }
        long value = in.unpackLong();
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    private JsonNode array(int depth) throws IOException {
        int size = count(in.unpackArrayHeader(), depth);
        ArrayNode array = NODES.arrayNode(size);
        for (int i = 0; i < size; i++) {
            array.add(value(depth + 1));
        }
        return array;
    }

    private JsonNode map(int depth) throws IOException {
        int size = count(in.unpackMapHeader(), depth);
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < size; i++) {
            if (in.getNextFormat().getValueType() != org.msgpack.value.ValueType.STRING) {
                throw refused("MessagePack map keys must be strings");
            }
            String key = new String(in.readPayload(length(in.unpackRawStringHeader())), StandardCharsets.UTF_8);
            if (object.has(key)) {
                throw refused("a MessagePack map repeats a key");
            }
            object.set(key, value(depth + 1));
        }
        return object;
    }

    /** {@code size}, the announced elements of a container at {@code depth}, once checked against the limits. */
    private int count(int size, int depth) {
        if (depth > maxDepth) {
            throw refused("MessagePack value nested deeper than " + maxDepth + " (maxDepth)");
        }
        elements += Integer.toUnsignedLong(size);
        if (size < 0 || elements > maxElements) {
            throw refused("more than " + maxElements + " collection elements in one value (maxCollectionLength)");
        }
        return size;
    }

    private int length(int announced) {
        if (announced < 0 || announced > maxStringLength) {
            throw refused("a MessagePack string or binary longer than " + maxStringLength + " bytes (maxStringLength)");
        }
        return announced;
    }

    private static RpcException refused(String message) {
        return new RpcException(ErrorCode.SERIALIZATION, message);
    }
}

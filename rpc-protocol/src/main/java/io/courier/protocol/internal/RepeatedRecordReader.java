package io.courier.protocol.internal;

import io.courier.api.serialization.DeserializationPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads hessian payloads that each hold one record of one type, as a stream of events does: every
 * payload starts with the record's class definition (its class and field names), the same bytes
 * event after event. Once the full hessian path has read a payload, {@link #learn} keeps the exact
 * bytes of its class definition and which record component each field fills; a later payload
 * that starts with those very bytes has its fields read here, without parsing the definition
 * again, looking the class up or loading anything.
 *
 * <pre>
 *   'C' name(string) count(int) field(string) * count     the definition, compared byte for byte
 *   0x60                                                  an object of definition 0
 *   value * count                                         the fields, in the definition's order
 * </pre>
 *
 * <p>Only what hessian writes for strings, ints, longs, doubles, booleans and null is read here;
 * anything else (a nested object, a list, a map, a reference, a string in chunks), a string over
 * the policy's length, bytes left over or missing, make {@link #tryRead} answer {@link #NOT_READ},
 * and the caller reads the payload with the full hessian path, which applies the allow-list to
 * every name in it. A definition is only learnt after that path read it under the policy; the
 * allow-list's answer for a name never changes ({@link DeserializationPolicy}), and only the
 * identical bytes are taken as the same definition. A few definitions are kept (a publisher's
 * evolved event beside the older one). Not thread-safe: one per reading thread.
 */
public final class RepeatedRecordReader {

    /** What {@link #tryRead} answers for a payload it leaves to the full hessian path. */
    public static final Object NOT_READ = new Object();

    private static final int KEPT = 4;

    private static final int STRING = 0;
    private static final int INT = 1;
    private static final int LONG = 2;
    private static final int DOUBLE = 3;
    private static final int BOOLEAN = 4;
    private static final int OTHER = 5;

    private final Class<?> type;
    private final DeserializationPolicy policy;
    private final HessianRecords.RecordShape shape;
    private final int[] kinds;
    /** The definitions learnt, the latest first. */
    private final Definition[] definitions = new Definition[KEPT];

    private byte[] payload;
    private int position;

    /** A reader of payloads holding a {@code type} (a record), under {@code policy}. */
    public RepeatedRecordReader(Class<?> type, DeserializationPolicy policy) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException("type: " + type.getName() + " (expected: a record)");
        }
        this.type = type;
        this.policy = policy;
        this.shape = HessianRecords.shape(type);
        this.kinds = new int[shape.types.length];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = kindOf(shape.types[i]);
        }
    }

    private static int kindOf(Class<?> component) {
        if (component == String.class) {
            return STRING;
        }
        if (component == int.class || component == Integer.class) {
            return INT;
        }
        if (component == long.class || component == Long.class) {
            return LONG;
        }
        if (component == double.class || component == Double.class) {
            return DOUBLE;
        }
        if (component == boolean.class || component == Boolean.class) {
            return BOOLEAN;
        }
        return OTHER;
    }

    /**
     * The record in {@code bytes}, or {@link #NOT_READ} if its definition is not one learnt or its
     * fields hold anything this reader leaves to hessian.
     *
     * @throws io.courier.api.RpcException if the record's constructor refuses the values, as the
     *     full path would
     */
    public Object tryRead(byte[] bytes) {
        Definition definition = definitionOf(bytes);
        if (definition == null) {
            return NOT_READ;
        }
        Object[] arguments = new Object[kinds.length];
        payload = bytes;
        position = definition.prefix.length;
        try {
            if (next() != 0x60) {
                return NOT_READ;
            }
            for (int index : definition.components) {
                if (index < 0) {
                    readScalar();
                } else {
                    arguments[index] = read(kinds[index]);
                }
            }
            if (position != bytes.length) {
                return NOT_READ;
            }
        } catch (Unsupported | IndexOutOfBoundsException e) {
            return NOT_READ;
        } finally {
            payload = null;
        }
        return shape.construct(arguments);
    }

    private Definition definitionOf(byte[] bytes) {
        for (Definition definition : definitions) {
            if (definition == null) {
                return null;
            }
            int length = definition.prefix.length;
            if (bytes.length > length && Arrays.equals(bytes, 0, length, definition.prefix, 0, length)) {
                return definition;
            }
        }
        return null;
    }

    /**
     * Keeps the class definition {@code bytes} start with, which the full hessian path has just
     * read as a {@code type} under the policy; does nothing if it is not a definition of {@code
     * type} followed by an object of it.
     */
    public void learn(byte[] bytes) {
        if (definitionOf(bytes) != null) {
            return;
        }
        payload = bytes;
        position = 0;
        try {
            if (next() != 'C' || !type.getName().equals(readString())) {
                return;
            }
            int count = readInt(next());
            if (count < 0 || count > 256) {
                return;
            }
            int[] components = new int[count];
            for (int i = 0; i < count; i++) {
                components[i] = shape.indexOf(readString());
            }
            int end = position;
            if (next() != 0x60) {
                return;
            }
            // the full path has checked it already; a definition never skips the allow-list
            policy.checkClass(type.getName());
            System.arraycopy(definitions, 0, definitions, 1, KEPT - 1);
            definitions[0] = new Definition(Arrays.copyOf(bytes, end), components);
        } catch (Unsupported | IndexOutOfBoundsException e) {
            // not a definition this reader understands: the full path keeps reading such payloads
        } finally {
            payload = null;
        }
    }

    private int next() {
        return payload[position++] & 0xff;
    }

    private Object read(int kind) {
        int tag = next();
        if (tag == 'N') {
            return null;
        }
        return switch (kind) {
            case STRING -> readString(tag);
            case INT -> readInt(tag);
            case LONG -> readLong(tag);
            case DOUBLE -> readDouble(tag);
            case BOOLEAN -> readBoolean(tag);
            default -> throw Unsupported.INSTANCE;
        };
    }

    /** A field the record does not have: hessian reads and drops it. */
    private void readScalar() {
        int tag = payload[position] & 0xff;
        if (tag == 'N') {
            position++;
        } else if (tag <= 0x1f || (tag >= 0x30 && tag <= 0x33) || tag == 'S') {
            readString();
        } else if (tag >= 0x80 && tag <= 0xd7 || tag == 'I') {
            readInt(next());
        } else if (tag >= 0xd8 || (tag >= 0x38 && tag <= 0x3f) || tag == 0x59 || tag == 'L') {
            readLong(next());
        } else if ((tag >= 0x5b && tag <= 0x5f) || tag == 'D') {
            readDouble(next());
        } else if (tag == 'T' || tag == 'F') {
            position++;
        } else {
            throw Unsupported.INSTANCE;
        }
    }

    private String readString() {
        return readString(next());
    }

    /** Hessian 2's strings in one chunk; the length counts UTF-16 chars, each 1 to 3 bytes. */
    private String readString(int tag) {
        int length;
        if (tag <= 0x1f) {
            length = tag;
        } else if (tag >= 0x30 && tag <= 0x33) {
            length = ((tag - 0x30) << 8) + next();
        } else if (tag == 'S') {
            length = (next() << 8) + next();
        } else {
            throw Unsupported.INSTANCE;
        }
        if (length > policy.maxStringLength()) {
            throw Unsupported.INSTANCE;
        }
        int start = position;
        int end = start + length;
        if (end <= payload.length) {
            // the common case: every char one byte
            boolean ascii = true;
            for (int i = start; i < end; i++) {
                if (payload[i] < 0) {
                    ascii = false;
                    break;
                }
            }
            if (ascii) {
                position = end;
                return new String(payload, start, length, StandardCharsets.ISO_8859_1);
            }
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) readChar();
        }
        return new String(chars);
    }

    /** As hessian reads a char, continuation bytes unchecked. */
    private int readChar() {
        int ch = next();
        if (ch < 0x80) {
            return ch;
        }
        if ((ch & 0xe0) == 0xc0) {
            return ((ch & 0x1f) << 6) + (next() & 0x3f);
        }
        if ((ch & 0xf0) == 0xe0) {
            int ch1 = next();
            int ch2 = next();
            return ((ch & 0x0f) << 12) + ((ch1 & 0x3f) << 6) + (ch2 & 0x3f);
        }
        throw Unsupported.INSTANCE;
    }

    private int readInt(int tag) {
        if (tag >= 0x80 && tag <= 0xbf) {
            return tag - 0x90;
        }
        if (tag >= 0xc0 && tag <= 0xcf) {
            return ((tag - 0xc8) << 8) + next();
        }
        if (tag >= 0xd0 && tag <= 0xd7) {
            return ((tag - 0xd4) << 16) + (next() << 8) + next();
        }
        if (tag == 'I') {
            return readInt32();
        }
        throw Unsupported.INSTANCE;
    }

    private int readInt32() {
        return (next() << 24) + (next() << 16) + (next() << 8) + next();
    }

    private long readLong(int tag) {
        if (tag >= 0xd8 && tag <= 0xef) {
            return tag - 0xe0;
        }
        if (tag >= 0xf0) {
            return ((tag - 0xf8) << 8) + next();
        }
        if (tag >= 0x38 && tag <= 0x3f) {
            return ((tag - 0x3c) << 16) + (next() << 8) + next();
        }
        if (tag == 0x59) {
            return readInt32();
        }
        if (tag == 'L') {
            return ((long) readInt32() << 32) + (readInt32() & 0xffffffffL);
        }
        throw Unsupported.INSTANCE;
    }

    private double readDouble(int tag) {
        return switch (tag) {
            case 0x5b -> 0.0;
            case 0x5c -> 1.0;
            case 0x5d -> (byte) next();
            case 0x5e -> (short) ((next() << 8) + next());
            case 0x5f -> 0.001 * readInt32();
            case 'D' -> Double.longBitsToDouble(readLong('L'));
            default -> throw Unsupported.INSTANCE;
        };
    }

    private boolean readBoolean(int tag) {
        if (tag == 'T') {
            return true;
        }
        if (tag == 'F') {
            return false;
        }
        throw Unsupported.INSTANCE;
    }

    /** A definition's exact bytes, and the record component each of its fields fills (-1: none). */
    private record Definition(byte[] prefix, int[] components) {}

    /** Something this reader leaves to hessian; thrown without a stack trace, caught above. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super(null, null, false, false);
        }
    }
}

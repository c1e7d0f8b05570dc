package io.courier.protocol.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Writes one record of one type alone, byte for byte as hessian's {@code Hessian2Output} with
 * {@link HessianFactory} writes it, when every component holds a string, an int, a long, a double,
 * a boolean or null: the class definition (made once) followed by the values. Anything else
 * makes {@link #tryWrite} answer null and the caller writes the value with hessian.
 *
 * <pre>
 *   'C' name(string) count(int) field(string) * count     made once per record type
 *   0x60                                                  an object of definition 0
 *   value * count                                         the components, in declaration order
 * </pre>
 *
 * Thread-safe.
 */
public final class RepeatedRecordWriter {

    /** Hessian writes longer strings in chunks, which this writer leaves to it. */
    private static final int ONE_CHUNK = 0x8000;

    private final Class<?> type;
    private final HessianRecords.RecordShape shape;
    private final byte[] prefix;

    /** A writer of {@code type}, a record. */
    public RepeatedRecordWriter(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException("type: " + type.getName() + " (expected: a record)");
        }
        this.type = type;
        this.shape = HessianRecords.shape(type);
        Output out = new Output(64);
        out.put('C');
        out.string(type.getName());
        out.integer(shape.names.length);
        for (String name : shape.names) {
            out.string(name);
        }
        out.put(0x60);
        this.prefix = out.bytes();
    }

    /** The hessian bytes of {@code value}, or null if it holds anything this writer leaves to hessian. */
    public byte[] tryWrite(Object value) {
        if (value == null || value.getClass() != type) {
            return null;
        }
        Method[] accessors = shape.accessors;
        Object[] components = new Object[accessors.length];
        int size = prefix.length;
        for (int i = 0; i < accessors.length; i++) {
            Object component;
            try {
                component = accessors[i].invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                return null; // hessian's path says which component it could not read
            }
            if (component instanceof String text) {
                if (text.length() > ONE_CHUNK) {
                    return null;
                }
                size += 3 + 3 * text.length();
            } else if (component != null
                    && !(component instanceof Integer
                            || component instanceof Long
                            || component instanceof Double
                            || component instanceof Boolean)) {
                return null;
            }
            size += 9;
            components[i] = component;
        }
        Output out = new Output(size);
        out.put(prefix);
        for (Object component : components) {
            if (component == null) {
                out.put('N');
            } else if (component instanceof String text) {
                out.string(text);
            } else if (component instanceof Integer number) {
                out.integer(number);
            } else if (component instanceof Long number) {
                out.longValue(number);
            } else if (component instanceof Double number) {
                out.doubleValue(number);
            } else {
                out.put((Boolean) component ? 'T' : 'F');
            }
        }
        return out.bytes();
    }

    /** Hessian 2's encodings, as {@code Hessian2Output} chooses them. */
    private static final class Output {
        private byte[] buffer;
        private int length;

        Output(int capacity) {
            buffer = new byte[capacity];
        }

        byte[] bytes() {
            return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
        }

        void put(int b) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2 + 16);
            }
            buffer[length++] = (byte) b;
        }

        void put(byte[] bytes) {
            if (length + bytes.length > buffer.length) {
                buffer = Arrays.copyOf(buffer, length + bytes.length + 16);
            }
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        /** A string of at most 32 Ki chars: one final chunk, each char in 1 to 3 bytes. */
        void string(String value) {
            int chars = value.length();
            if (chars <= 0x1f) {
                put(chars);
            } else if (chars <= 0x3ff) {
                put(0x30 + (chars >> 8));
                put(chars);
            } else {
                put('S');
                put(chars >> 8);
                put(chars);
            }
            for (int i = 0; i < chars; i++) {
                char ch = value.charAt(i);
                if (ch < 0x80) {
                    put(ch);
                } else if (ch < 0x800) {
                    put(0xc0 + ((ch >> 6) & 0x1f));
                    put(0x80 + (ch & 0x3f));
                } else {
                    put(0xe0 + ((ch >> 12) & 0xf));
                    put(0x80 + ((ch >> 6) & 0x3f));
                    put(0x80 + (ch & 0x3f));
                }
            }
        }

        void integer(int value) {
            if (-0x10 <= value && value <= 0x2f) {
                put(value + 0x90);
            } else if (-0x800 <= value && value <= 0x7ff) {
                put(0xc8 + (value >> 8));
                put(value);
            } else if (-0x40000 <= value && value <= 0x3ffff) {
                put(0xd4 + (value >> 16));
                put(value >> 8);
                put(value);
            } else {
                put('I');
                int32(value);
            }
        }

        void longValue(long value) {
            if (-0x08 <= value && value <= 0x0f) {
                put((int) value + 0xe0);
            } else if (-0x800 <= value && value <= 0x7ff) {
                put(0xf8 + (int) (value >> 8));
                put((int) value);
            } else if (-0x40000 <= value && value <= 0x3ffff) {
                put(0x3c + (int) (value >> 16));
                put((int) (value >> 8));
                put((int) value);
            } else if (Integer.MIN_VALUE <= value && value <= Integer.MAX_VALUE) {
                put(0x59);
                int32((int) value);
            } else {
                put('L');
                int32((int) (value >> 32));
                int32((int) value);
            }
        }

        void doubleValue(double value) {
            int whole = (int) value;
            if (whole == value) {
                if (whole == 0) {
                    put(0x5b);
                    return;
                }
                if (whole == 1) {
                    put(0x5c);
                    return;
                }
                if (-0x80 <= whole && whole < 0x80) {
                    put(0x5d);
                    put(whole);
                    return;
                }
                if (-0x8000 <= whole && whole < 0x8000) {
                    put(0x5e);
                    put(whole >> 8);
                    put(whole);
                    return;
                }
            }
            int mills = (int) (value * 1000);
            if (0.001 * mills == value) {
                put(0x5f);
                int32(mills);
                return;
            }
            long bits = Double.doubleToLongBits(value);
            put('D');
            int32((int) (bits >> 32));
            int32((int) bits);
        }

        private void int32(int value) {
            put(value >> 24);
            put(value >> 16);
            put(value >> 8);
            put(value);
        }
    }
}

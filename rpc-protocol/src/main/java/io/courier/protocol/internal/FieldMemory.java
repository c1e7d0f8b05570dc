package io.courier.protocol.internal;

import io.protostuff.CollectionSchema;
import io.protostuff.MapSchema;
import io.protostuff.Schema;
import io.protostuff.runtime.ArraySchemas;
import io.protostuff.runtime.PolymorphicSchema;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the fields {@link ProtostuffInput} just read say of the next value. Protostuff reads an array
 * length as the integer that follows field 1 of a scalar array schema or field 3 of a polymorphic
 * array (and a dimension count after field 2), and allocates the array at once: the integer is judged
 * first. Field 127 of a polymorphic value names its class: the last name read is kept, so that the
 * elements of a collection do not each decode and hash their class's name. Each collection or map
 * element is charged to the element budget as its field is read. One input's state; not thread-safe.
 */
final class FieldMemory {

    private static final int NOTHING_PENDING = 0;
    private static final int LENGTH_PENDING = 1;
    private static final int SMALL_PENDING = 2;

    private static final int ID_ARRAY = 15;
    private static final int ID_ARRAY_MAPPED = 17;
    private static final int OBJECT_ARRAY_LENGTH = 3;
    private static final int OBJECT_ARRAY_DIMENSIONS = 2;
    /** The field of a polymorphic value that names its class. */
    private static final int POJO_CLASS_NAME = 127;

    private final ReadLimits limits;
    private int pending;
    private int lastPolymorphicField;
    private boolean classNamePending;
    /** The last class name read, as bytes and as the string handed out. */
    private byte[] classNameBytes;

    private String className;

    FieldMemory(ReadLimits limits) {
        this.limits = limits;
    }

    /** A new message. */
    void reset() {
        pending = NOTHING_PENDING;
        lastPolymorphicField = 0;
        classNamePending = false;
    }

    /** A value other than a judged integer was read: nothing is pending any more. */
    void clear() {
        pending = NOTHING_PENDING;
    }

    /** Before a field's tag is read. */
    void beforeField() {
        pending = NOTHING_PENDING;
        classNamePending = false;
    }

    /** Field {@code fieldNumber} of {@code schema} was read at body offset {@code offset}. */
    void onField(Schema<?> schema, int fieldNumber, int offset) {
        if (schema instanceof CollectionSchema<?> || schema instanceof MapSchema<?, ?>) {
            limits.charge(1, offset);
        } else if (schema instanceof ArraySchemas.Base) {
            pending = fieldNumber == 1 ? LENGTH_PENDING : NOTHING_PENDING;
        } else if (schema instanceof PolymorphicSchema) {
            // An array value: field 15 or 17 (its component type), then field 3 (its length) and
            // field 2 (its dimension count); field 2 elsewhere carries a byte.
            if (fieldNumber == OBJECT_ARRAY_LENGTH
                    && (lastPolymorphicField == ID_ARRAY || lastPolymorphicField == ID_ARRAY_MAPPED)) {
                pending = LENGTH_PENDING;
            } else if (fieldNumber == OBJECT_ARRAY_DIMENSIONS) {
                pending = SMALL_PENDING;
            }
            lastPolymorphicField = fieldNumber;
            classNamePending = fieldNumber == POJO_CLASS_NAME;
        }
    }

    /**
     * {@code value}, read at body offset {@code offset}, judged if it may be an array length (charged to
     * the element budget) or a dimension count.
     *
     * @return the message of the refusal, or {@code null} if the value may be used
     */
    String judge(int value, int offset) {
        int what = pending;
        pending = NOTHING_PENDING;
        if (what == LENGTH_PENDING && value > 0) {
            limits.charge(value, offset);
        } else if (what == SMALL_PENDING && (value < -128 || value > 255)) {
            return "array dimensions " + value + " (expected: 1 to 255)";
        }
        return null;
    }

    /** Whether the string about to be read is a class name (and clears that). */
    boolean takeClassName() {
        boolean was = classNamePending;
        classNamePending = false;
        return was;
    }

    /** The class name in {@code length} bytes of {@code source} from {@code from}: the last one's string if they are its. */
    String className(byte[] source, int from, int length) {
        byte[] last = classNameBytes;
        if (last != null && Arrays.equals(last, 0, last.length, source, from, from + length)) {
            return className;
        }
        classNameBytes = Arrays.copyOfRange(source, from, from + length);
        className = new String(source, from, length, StandardCharsets.UTF_8);
        return className;
    }
}

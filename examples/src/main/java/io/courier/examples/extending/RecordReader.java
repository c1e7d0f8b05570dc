package io.courier.examples.extending;

import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads values in the {@code records} format from untrusted bytes, building only what the policy
 * allows. One session per request or response; not thread-safe.
 */
final class RecordReader implements Serializer.ValueReader {

    /** The most elements a list or map is sized for before they arrive. */
    private static final int PRESIZE_LIMIT = 1_024;

    private final DataInputStream in;
    private final DeserializationPolicy policy;
    /** Elements of the lists and maps of the value being read, charged before each is allocated. */
    private int elements;

    RecordReader(InputStream in, DeserializationPolicy policy) {
        this.in = new DataInputStream(in);
        this.policy = policy;
    }

    @Override
    public Object read(Type declaredType) throws IOException {
        elements = 0;
        return value(0);
    }

    private Object value(int depth) throws IOException {
        if (depth > policy.maxDepth()) {
            throw RecordFormat.failure("a value nested deeper than " + policy.maxDepth());
        }
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case RecordFormat.NULL -> null;
            case RecordFormat.STRING -> string();
            case RecordFormat.INT -> in.readInt();
            case RecordFormat.LONG -> in.readLong();
            case RecordFormat.BOOLEAN -> in.readBoolean();
            case RecordFormat.DOUBLE -> in.readDouble();
            case RecordFormat.LIST -> list(depth);
            case RecordFormat.MAP -> map(depth);
            case RecordFormat.RECORD -> record(depth);
            default -> throw RecordFormat.failure("unknown value tag " + tag);
        };
    }

    private List<Object> list(int depth) throws IOException {
        int count = count();
        // A count is only a claim: grow as elements really arrive instead of trusting it up front.
        List<Object> list = new ArrayList<>(Math.min(count, PRESIZE_LIMIT));
        for (int i = 0; i < count; i++) {
            list.add(value(depth + 1));
        }
        return list;
    }

    private Map<String, Object> map(int depth) throws IOException {
        int count = count();
        Map<String, Object> map = new LinkedHashMap<>(Math.min(count, PRESIZE_LIMIT) * 2);
        for (int i = 0; i < count; i++) {
            String key = string();
            map.put(key, value(depth + 1));
        }
        return map;
    }

    // region record
    private Object record(int depth) throws IOException {
        String name = string();
        // The policy judges the name before anything loads the class: a refused name never reaches
        // Class.forName, so no static initializer of the sender's choosing runs.
        policy.checkClass(name);
        Class<?> type = load(name);
        if (!type.isRecord()) {
            throw RecordFormat.failure(name + " is not a record");
        }
        RecordFormat.Plan plan = RecordFormat.plan(type);
        int count = in.readUnsignedByte();
        if (count != plan.arity()) {
            throw RecordFormat.failure(
                    name + " arrived with " + count + " components (expected: " + plan.arity() + ")");
        }
        Object[] components = new Object[count];
        for (int i = 0; i < count; i++) {
            components[i] = value(depth + 1);
        }
        try {
            // The canonical constructor runs the record's own validation on what arrived.
            return plan.constructor().invokeWithArguments(components);
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw RecordFormat.failure("the values that arrived do not fit " + name + "'s components");
        } catch (Throwable e) {
            throw RecordFormat.failure("the constructor of " + name + " refused the values that arrived: "
                    + e.getClass().getName());
        }
    }
    // endregion

    private int count() throws IOException {
        int count = in.readInt();
        if (count < 0 || count > policy.maxCollectionLength() - elements) {
            throw RecordFormat.failure("more than " + policy.maxCollectionLength() + " elements in one value");
        }
        elements += count;
        return count;
    }

    private String string() throws IOException {
        int length = in.readInt();
        if (length < 0 || length > policy.maxStringLength()) {
            throw RecordFormat.failure(
                    "a string of " + length + " bytes (expected: at most " + policy.maxStringLength() + ")");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("records: input ends inside a string");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Class<?> load(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(name, false, loader != null ? loader : RecordReader.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw RecordFormat.failure("class " + name + " not found");
        }
    }
}

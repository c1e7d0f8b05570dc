package io.courier.examples.extending;

import io.courier.api.serialization.Serializer;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Writes values in the {@code records} format. One session per request or response; not thread-safe. */
final class RecordWriter implements Serializer.ValueWriter {

    /** Deeper values are refused: lists can contain themselves, which would never end. */
    private static final int MAX_DEPTH = 1_000;

    private final DataOutputStream out;

    RecordWriter(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    @Override
    public void write(Object value, Type declaredType) throws IOException {
        value(value, 0);
    }

    @Override
    public void flush() throws IOException {
        out.flush(); // never close: the protocol owns the stream
    }

    private void value(Object value, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw RecordFormat.failure("a value nested deeper than " + MAX_DEPTH + " (a list containing itself?)");
        }
        if (value == null) {
            out.writeByte(RecordFormat.NULL);
        } else if (value instanceof String text) {
            out.writeByte(RecordFormat.STRING);
            string(text);
        } else if (value instanceof Integer number) {
            out.writeByte(RecordFormat.INT);
            out.writeInt(number);
        } else if (value instanceof Long number) {
            out.writeByte(RecordFormat.LONG);
            out.writeLong(number);
        } else if (value instanceof Boolean flag) {
            out.writeByte(RecordFormat.BOOLEAN);
            out.writeBoolean(flag);
        } else if (value instanceof Double number) {
            out.writeByte(RecordFormat.DOUBLE);
            out.writeDouble(number);
        } else if (value instanceof List<?> list) {
            out.writeByte(RecordFormat.LIST);
            out.writeInt(list.size());
            for (Object element : list) {
                value(element, depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(RecordFormat.MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw RecordFormat.failure(
                            "a map key of class " + className(entry.getKey()) + " (expected: String keys)");
                }
                string(key);
                value(entry.getValue(), depth + 1);
            }
        } else if (value instanceof Record record) {
            record(record, depth);
        } else {
            // Name the class, never the value: its toString could be large, secret or hostile.
            throw RecordFormat.failure("cannot write a " + value.getClass().getName()
                    + " (expected: null, String, Integer, Long, Boolean, Double, List, Map or a record of these)");
        }
    }

    private void record(Record record, int depth) throws IOException {
        RecordFormat.Plan plan = RecordFormat.plan(record.getClass());
        out.writeByte(RecordFormat.RECORD);
        string(plan.type().getName());
        out.writeByte(plan.arity());
        for (int i = 0; i < plan.arity(); i++) {
            Object component;
            try {
                component = plan.accessors()[i].invoke(record);
            } catch (Throwable e) {
                throw RecordFormat.failure(
                        "accessor " + i + " of " + plan.type().getName() + " threw " + e);
            }
            value(component, depth + 1);
        }
    }

    private void string(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String className(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}

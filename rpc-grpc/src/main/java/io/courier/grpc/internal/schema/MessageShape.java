package io.courier.grpc.internal.schema;

import io.courier.protocol.schema.ValueClass;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A message of a derived schema and how its values are taken from and made into Java objects. Four
 * forms: a record (components, canonical constructor), a class (instance fields, no-argument
 * constructor), a method's arguments ({@code Object[]}, one field per parameter), and a single value
 * wrapped in a message (field {@code value}, or no field for {@code void}). Only the classes of a
 * schema's shapes are ever instantiated by a read: nothing on the wire names a class.
 */
final class MessageShape {

    enum Form {
        RECORD,
        CLASS,
        ARGUMENTS,
        VALUE
    }

    private final String name;
    private final Class<?> javaType;
    private final Form form;
    private List<FieldShape> fields = List.of();
    /** Each field's position in {@link #fields()} by its number. */
    private Map<Integer, Integer> positions = Map.of();

    private ValueClass valueClass;

    MessageShape(String name, Class<?> javaType, Form form) {
        this.name = name;
        this.javaType = javaType;
        this.form = form;
    }

    String name() {
        return name;
    }

    /** The Java class of a record or class message, {@code null} for arguments and wrapped values. */
    Class<?> javaType() {
        return javaType;
    }

    Form form() {
        return form;
    }

    List<FieldShape> fields() {
        return fields;
    }

    /** Completes a record's or class's shape: its fields, in the order of {@code valueClass}'s members. */
    void valueClass(List<FieldShape> fields, ValueClass valueClass) {
        setFields(fields);
        this.valueClass = valueClass;
    }

    /** Completes an arguments or wrapped-value shape. */
    void positional(List<FieldShape> fields) {
        setFields(fields);
    }

    private void setFields(List<FieldShape> fields) {
        this.fields = List.copyOf(fields);
        Map<Integer, Integer> byNumber = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            byNumber.put(fields.get(i).number(), i);
        }
        this.positions = Map.copyOf(byNumber);
    }

    /** The position in {@link #fields()} of the field numbered {@code number}, or -1 when none is. */
    int position(int number) {
        Integer position = positions.get(number);
        return position == null ? -1 : position;
    }

    /** The Java values of {@code instance}'s fields, in the order of {@link #fields()}. */
    Object[] values(Object instance) throws ReflectiveOperationException {
        return switch (form) {
            case ARGUMENTS -> (Object[]) instance;
            case VALUE -> fields.isEmpty() ? new Object[0] : new Object[] {instance};
            case RECORD, CLASS -> valueClass.values(instance);
        };
    }

    /** The Java object of {@code values}, in the order of {@link #fields()}. */
    Object create(Object[] values) throws ReflectiveOperationException {
        return switch (form) {
            case ARGUMENTS -> values;
            case VALUE -> values.length == 0 ? null : values[0];
            case RECORD, CLASS -> valueClass.create(values);
        };
    }

    @Override
    public String toString() {
        return javaType != null ? name + " (" + javaType.getName() + ")" : name;
    }
}

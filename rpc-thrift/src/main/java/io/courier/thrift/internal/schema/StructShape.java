package io.courier.thrift.internal.schema;

import io.courier.protocol.schema.ValueClass;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A struct of a derived schema and how its values are taken from and made into Java objects: a record
 * (components, canonical constructor), a class (instance fields, no-argument constructor), or a function's
 * arguments ({@code Object[]}, one field per parameter). Only the classes of a schema's shapes are ever
 * instantiated by a read: nothing on the wire names a class.
 */
public final class StructShape {

    enum Form {
        RECORD,
        CLASS,
        ARGUMENTS
    }

    private final String name;
    private final Class<?> javaType;
    private final Form form;
    private List<FieldShape> fields = List.of();
    private Map<Short, Integer> positions = Map.of();
    private ValueClass valueClass;

    StructShape(String name, Class<?> javaType, Form form) {
        this.name = name;
        this.javaType = javaType;
        this.form = form;
    }

    public String name() {
        return name;
    }

    /** The Java class of a record or class struct, {@code null} for arguments. */
    public Class<?> javaType() {
        return javaType;
    }

    public List<FieldShape> fields() {
        return fields;
    }

    /** Completes a record's or class's shape: its fields, in the order of {@code valueClass}'s members. */
    void valueClass(List<FieldShape> fields, ValueClass valueClass) {
        setFields(fields);
        this.valueClass = valueClass;
    }

    void arguments(List<FieldShape> fields) {
        setFields(fields);
    }

    private void setFields(List<FieldShape> fields) {
        this.fields = List.copyOf(fields);
        Map<Short, Integer> byId = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            byId.put(fields.get(i).id(), i);
        }
        this.positions = Map.copyOf(byId);
    }

    /** The position in {@link #fields()} of the field with {@code id}, or -1 when none has it. */
    int position(short id) {
        Integer position = positions.get(id);
        return position == null ? -1 : position;
    }

    /** The Java values of {@code instance}'s fields, in the order of {@link #fields()}. */
    Object[] values(Object instance) throws ReflectiveOperationException {
        return form == Form.ARGUMENTS ? (Object[]) instance : valueClass.values(instance);
    }

    /** The Java object of {@code values}, in the order of {@link #fields()}. */
    Object create(Object[] values) throws ReflectiveOperationException {
        return form == Form.ARGUMENTS ? values : valueClass.create(values);
    }

    @Override
    public String toString() {
        return javaType != null ? name + " (" + javaType.getName() + ")" : name;
    }
}

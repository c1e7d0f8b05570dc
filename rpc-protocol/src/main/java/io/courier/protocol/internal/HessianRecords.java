package io.courier.protocol.internal;

import com.alibaba.com.caucho.hessian.io.AbstractDeserializer;
import com.alibaba.com.caucho.hessian.io.AbstractHessianInput;
import com.alibaba.com.caucho.hessian.io.AbstractHessianOutput;
import com.alibaba.com.caucho.hessian.io.AbstractSerializer;
import com.alibaba.com.caucho.hessian.io.Deserializer;
import com.alibaba.com.caucho.hessian.io.Serializer;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * Records for hessian: written as a hessian object whose fields are the record components, read
 * back through the canonical constructor (Java 17 forbids setting a record's fields, which is how
 * hessian builds other objects). The reflective handles are found once per record class.
 */
final class HessianRecords {

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return RecordShape.of(type);
        }
    };

    private HessianRecords() {}

    static Serializer serializer(Class<?> type) {
        return SHAPES.get(type).serializer;
    }

    static Deserializer deserializer(Class<?> type) {
        return SHAPES.get(type).deserializer;
    }

    /** The components and canonical constructor of record {@code type}, found once per class. */
    static RecordShape shape(Class<?> type) {
        return SHAPES.get(type);
    }

    static final class RecordShape {
        final Class<?> type;
        final String[] names;
        final Class<?>[] types;
        final Method[] accessors;
        final Constructor<?> constructor;
        final Serializer serializer = new RecordSerializer(this);
        final Deserializer deserializer = new RecordDeserializer(this);

        private RecordShape(Class<?> type, String[] names, Class<?>[] types, Method[] accessors, Constructor<?> c) {
            this.type = type;
            this.names = names;
            this.types = types;
            this.accessors = accessors;
            this.constructor = c;
        }

        static RecordShape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            Class<?>[] types = new Class<?>[components.length];
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                types[i] = components[i].getType();
                accessors[i] = components[i].getAccessor();
                if (!accessors[i].trySetAccessible()) {
                    throw new RpcException(
                            ErrorCode.SERIALIZATION, "record " + type.getName() + " is not accessible to hessian");
                }
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(types);
                if (!constructor.trySetAccessible()) {
                    throw new RpcException(
                            ErrorCode.SERIALIZATION, "record " + type.getName() + " is not accessible to hessian");
                }
                return new RecordShape(type, names, types, accessors, constructor);
            } catch (NoSuchMethodException e) {
                throw new RpcException(
                        ErrorCode.SERIALIZATION, "record " + type.getName() + " has no canonical constructor");
            }
        }

        /** The index of component {@code field}, or -1 if the record has none of that name. */
        int indexOf(String field) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(field)) {
                    return i;
                }
            }
            return -1;
        }

        /** The record of {@code arguments}, a component left null being its type's default. */
        Object construct(Object[] arguments) {
            for (int i = 0; i < arguments.length; i++) {
                if (arguments[i] == null && types[i].isPrimitive()) {
                    arguments[i] = java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(types[i], 1), 0);
                }
            }
            try {
                return constructor.newInstance(arguments);
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                throw new RpcException(
                        ErrorCode.SERIALIZATION,
                        "record " + type.getName() + " could not be built ("
                                + e.getClass().getName() + ")");
            }
        }
    }

    private static final class RecordSerializer extends AbstractSerializer {
        private final RecordShape shape;

        RecordSerializer(RecordShape shape) {
            this.shape = shape;
        }

        @Override
        public void writeObject(Object value, AbstractHessianOutput out) throws IOException {
            if (out.addRef(value)) {
                return;
            }
            int ref = out.writeObjectBegin(shape.type.getName());
            if (ref == -1) {
                out.writeClassFieldLength(shape.names.length);
                for (String name : shape.names) {
                    out.writeString(name);
                }
                out.writeObjectBegin(shape.type.getName());
            }
            for (Method accessor : shape.accessors) {
                try {
                    out.writeObject(accessor.invoke(value));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new RpcException(
                            ErrorCode.SERIALIZATION, "record component " + accessor.getName() + " unreadable", e);
                }
            }
        }
    }

    private static final class RecordDeserializer extends AbstractDeserializer {
        private final RecordShape shape;

        RecordDeserializer(RecordShape shape) {
            this.shape = shape;
        }

        @Override
        public Class<?> getType() {
            return shape.type;
        }

        @Override
        public Object readObject(AbstractHessianInput in, String[] fieldNames) throws IOException {
            Object[] arguments = new Object[shape.names.length];
            int ref = in.addRef(null);
            for (String field : fieldNames) {
                int index = shape.indexOf(field);
                if (index < 0) {
                    in.readObject();
                } else {
                    arguments[index] = in.readObject(shape.types[index]);
                }
            }
            Object record = shape.construct(arguments);
            in.setRef(ref, record);
            return record;
        }
    }
}

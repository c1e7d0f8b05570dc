package io.courier.examples.extending;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;

/** The tags of the {@code records} format, and how one record class is taken apart and built. */
final class RecordFormat {

    static final int NULL = 0;
    static final int STRING = 1;
    static final int INT = 2;
    static final int LONG = 3;
    static final int BOOLEAN = 4;
    static final int DOUBLE = 5;
    static final int LIST = 6;
    static final int MAP = 7;
    static final int RECORD = 8;

    /** Records have at most 255 components here: the count is one byte. */
    static final int MAX_COMPONENTS = 255;

    /** The accessors and canonical constructor of each record class, looked up once. */
    private static final ClassValue<Plan> PLANS = new ClassValue<>() {
        @Override
        protected Plan computeValue(Class<?> type) {
            return Plan.of(type);
        }
    };

    private RecordFormat() {}

    static Plan plan(Class<?> recordClass) {
        return PLANS.get(recordClass);
    }

    static RpcException failure(String message) {
        return new RpcException(ErrorCode.SERIALIZATION, "records: " + message);
    }

    /** One record class: accessors in declaration order and the canonical constructor, as method handles. */
    record Plan(Class<?> type, MethodHandle[] accessors, MethodHandle constructor) {

        static Plan of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                throw failure(type.getName() + " is not a record");
            }
            if (components.length > MAX_COMPONENTS) {
                throw failure(type.getName() + " has " + components.length + " components (expected: at most "
                        + MAX_COMPONENTS + ")");
            }
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                MethodHandle[] accessors = new MethodHandle[components.length];
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    accessors[i] = lookup.unreflect(components[i].getAccessor());
                    types[i] = components[i].getType();
                }
                MethodHandle constructor = lookup.findConstructor(type, MethodType.methodType(void.class, types));
                return new Plan(type, accessors, constructor);
            } catch (ReflectiveOperationException e) {
                // A record that is not public, or in a package not exported to this module.
                throw failure(type.getName() + " cannot be accessed (expected: a public record in an exported"
                        + " package): " + e.getMessage());
            }
        }

        int arity() {
            return accessors.length;
        }
    }
}

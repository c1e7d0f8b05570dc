package io.courier.grpc.internal.schema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import java.lang.reflect.InvocationTargetException;

/** protoc-generated message classes, which travel as themselves: read with their parser, written as their bytes. */
final class GeneratedMessages {

    private GeneratedMessages() {}

    /** The default instance of {@code type}, or {@code null} when it is not a protoc-generated message class. */
    static Message defaults(Class<?> type) {
        if (!Message.class.isAssignableFrom(type) || type == Message.class) {
            return null;
        }
        try {
            return (Message) type.getMethod("getDefaultInstance").invoke(null);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException | ClassCastException e) {
            return null;
        }
    }

    /** The descriptor of {@code type}, or {@code null} when it is not a protoc-generated message class. */
    static Descriptor descriptor(Class<?> type) {
        Message defaults = defaults(type);
        return defaults == null ? null : defaults.getDescriptorForType();
    }
}

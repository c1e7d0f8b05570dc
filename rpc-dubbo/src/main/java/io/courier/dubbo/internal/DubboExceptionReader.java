package io.courier.dubbo.internal;

import com.alibaba.com.caucho.hessian.io.AbstractDeserializer;
import com.alibaba.com.caucho.hessian.io.AbstractHessianInput;
import com.alibaba.com.caucho.hessian.io.CollectionDeserializer;
import com.alibaba.com.caucho.hessian.io.Deserializer;
import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import com.alibaba.com.caucho.hessian.io.SerializerFactory;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.protocol.serialization.ForeignExceptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the exception of a Dubbo answer as Dubbo's hessian2 writes it: an object of the exception's
 * class with {@code detailMessage}, {@code cause}, {@code stackTrace}, {@code suppressedExceptions}
 * and the class's own fields. No class named in the body is loaded while reading: every object is read
 * as its class name and its fields, every list as a list, and {@code java.lang.StackTraceElement}s are
 * built by their constructor. The exception is then rebuilt by {@link ForeignExceptions} under the
 * reference's allow-list: as its own class where allowed, else a {@code RemoteException} naming it.
 */
final class DubboExceptionReader {

    /** Throwable's own fields; the rest are the exception class's. */
    private static final Set<String> THROWABLE_FIELDS =
            Set.of("detailMessage", "cause", "stackTrace", "suppressedExceptions", "depth");

    private static final int MAX_CAUSES = 32;

    private static final SerializerFactory FIELDS_ONLY = new FieldsOnlyFactory();

    private DubboExceptionReader() {}

    /**
     * The exception at {@code offset} of {@code body} and the attachments after it when {@code
     * withAttachments}.
     *
     * @throws RpcException {@code SERIALIZATION} when the body is not an exception as Dubbo writes them
     */
    static Read read(byte[] body, int offset, boolean withAttachments, DeserializationPolicy policy) {
        Hessian2Input in = new Hessian2Input(new java.io.ByteArrayInputStream(body, offset, body.length - offset));
        in.setSerializerFactory(FIELDS_ONLY);
        try {
            Object read = in.readObject();
            if (!(read instanceof ObjectFields exception)) {
                throw new RpcException(
                        ErrorCode.SERIALIZATION, "Dubbo answer's exception is not an object: " + describe(read));
            }
            Object attachments = withAttachments ? in.readObject() : null;
            return new Read(toThrowable(exception, policy, 0), attachments);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            if (e instanceof RpcException rpc) {
                throw rpc;
            }
            throw new RpcException(ErrorCode.SERIALIZATION, false, "Dubbo answer's exception cannot be read: " + e, e);
        }
    }

    /** An exception read, and the answer's attachments as hessian read them (null for none). */
    record Read(Throwable exception, Object attachments) {}

    private static Throwable toThrowable(ObjectFields data, DeserializationPolicy policy, int depth) {
        Map<String, Object> fields = data.fields();
        Object message = fields.get("detailMessage");
        Object causeData = fields.get("cause");
        Throwable cause = causeData instanceof ObjectFields nested && nested != data && depth + 1 < MAX_CAUSES
                ? toThrowable(nested, policy, depth + 1)
                : null;
        Map<String, Object> own = new HashMap<>();
        fields.forEach((name, value) -> {
            if (!THROWABLE_FIELDS.contains(name) && value != null && !(value instanceof ObjectFields)) {
                own.put(name, value);
            }
        });
        return ForeignExceptions.rebuild(
                data.type(),
                message instanceof String text ? text : null,
                cause,
                stack(fields.get("stackTrace")),
                own,
                policy);
    }

    private static StackTraceElement[] stack(Object read) {
        if (!(read instanceof List<?> list)) {
            return new StackTraceElement[0];
        }
        List<StackTraceElement> stack = new ArrayList<>(list.size());
        for (Object element : list) {
            if (element instanceof StackTraceElement frame) {
                stack.add(frame);
            }
        }
        return stack.toArray(new StackTraceElement[0]);
    }

    private static String describe(Object read) {
        return read == null ? "null" : read.getClass().getName();
    }

    /** An object of a class never loaded: its class name and its fields' values, by name. */
    record ObjectFields(String type, Map<String, Object> fields) {}

    /**
     * Hessian's factory for an exception's body: objects as {@link ObjectFields}, lists as lists,
     * maps as maps, stack frames by their constructor; hessian's own types as hessian reads them.
     */
    private static final class FieldsOnlyFactory extends SerializerFactory {

        private final Deserializer list = new CollectionDeserializer(ArrayList.class);
        private final Deserializer stackFrame = new StackFrameReader();

        FieldsOnlyFactory() {
            setAllowNonSerializable(true);
        }

        @Override
        public Deserializer getObjectDeserializer(String type, Class cl) {
            return objectReader(type);
        }

        @Override
        public Deserializer getObjectDeserializer(String type) {
            return objectReader(type);
        }

        @Override
        public Deserializer getDeserializer(String type) {
            if (type == null || type.isEmpty()) {
                return null;
            }
            if (type.startsWith("java.util.") && type.contains("Map")) {
                return null; // hessian's default: a HashMap
            }
            return type.startsWith("[") || type.startsWith("java.util.") ? list : objectReader(type);
        }

        @Override
        public Deserializer getListDeserializer(String type, Class cl) {
            return list;
        }

        @Override
        public Deserializer getListDeserializer(String type) {
            return list;
        }

        private Deserializer objectReader(String type) {
            return "java.lang.StackTraceElement".equals(type) ? stackFrame : new FieldsReader(type);
        }
    }

    /** Reads an object's fields without its class. */
    private static final class FieldsReader extends AbstractDeserializer {

        private final String type;

        FieldsReader(String type) {
            this.type = type;
        }

        @Override
        public Object readObject(AbstractHessianInput in, String[] fieldNames) throws IOException {
            ObjectFields object = new ObjectFields(type, new LinkedHashMap<>());
            in.addRef(object);
            for (String name : fieldNames) {
                object.fields().put(name, in.readObject());
            }
            return object;
        }

        @Override
        public Object readMap(AbstractHessianInput in) throws IOException {
            ObjectFields object = new ObjectFields(type, new LinkedHashMap<>());
            in.addRef(object);
            while (!in.isEnd()) {
                object.fields().put(String.valueOf(in.readObject()), in.readObject());
            }
            in.readMapEnd();
            return object;
        }
    }

    /** Builds a {@link StackTraceElement} from its fields by its constructor. */
    private static final class StackFrameReader extends AbstractDeserializer {

        @Override
        public Class<?> getType() {
            return StackTraceElement.class;
        }

        @Override
        public Object readObject(AbstractHessianInput in, String[] fieldNames) throws IOException {
            int ref = in.addRef(null);
            Map<String, Object> fields = new HashMap<>();
            for (String name : fieldNames) {
                fields.put(name, in.readObject());
            }
            StackTraceElement frame = new StackTraceElement(
                    text(fields.get("classLoaderName")),
                    text(fields.get("moduleName")),
                    text(fields.get("moduleVersion")),
                    String.valueOf(fields.get("declaringClass")),
                    String.valueOf(fields.get("methodName")),
                    text(fields.get("fileName")),
                    fields.get("lineNumber") instanceof Number line ? line.intValue() : -1);
            in.setRef(ref, frame);
            return frame;
        }

        private static String text(Object value) {
            return value instanceof String text ? text : null;
        }
    }
}

package io.courier.grpc.internal.client;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.courier.api.MethodDescriptor;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;

/**
 * The marshaller of a method whose one parameter (or the messages of its one {@code Flow.Publisher}
 * parameter) and result (or stream's messages) are protoc-generated messages: a request travels as its own
 * bytes, a response is read with its class's parser.
 */
final class ProtobufMessageMarshaller implements MethodMarshaller {

    /** Makes the marshaller of methods on protoc-generated messages. */
    static final Factory FACTORY = ProtobufMessageMarshaller::of;

    private final Class<?> requestType;
    private final Parser<?> responseParser;

    private ProtobufMessageMarshaller(Class<?> requestType, Parser<?> responseParser) {
        this.requestType = requestType;
        this.responseParser = responseParser;
    }

    private static MethodMarshaller of(MethodDescriptor method) {
        if (method.parameterCount() != 1) {
            return null;
        }
        // a client or bidirectional stream's request messages are those of its Flow.Publisher
        Class<?> request = messageClass(
                method.streamParameter() >= 0 ? method.streamMessageType() : method.genericParameterType(0));
        Parser<?> response = parser(messageClass(method.resultType()));
        return request == null || response == null ? null : new ProtobufMessageMarshaller(request, response);
    }

    @Override
    public byte[] request(Object[] arguments) {
        Object request = arguments[0];
        if (!requestType.isInstance(request)) {
            throw new IllegalArgumentException(
                    "request: " + (request == null ? "null" : request.getClass().getName()) + " (expected: a "
                            + requestType.getName() + ")");
        }
        return ((Message) request).toByteArray();
    }

    @Override
    public Object response(byte[] message) throws IOException {
        return responseParser.parseFrom(message);
    }

    private static Class<?> messageClass(Type type) {
        return type instanceof Class<?> raw && Message.class.isAssignableFrom(raw) && raw != Message.class ? raw : null;
    }

    private static Parser<?> parser(Class<?> type) {
        if (type == null) {
            return null;
        }
        try {
            return ((Message) type.getMethod("getDefaultInstance").invoke(null)).getParserForType();
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException | ClassCastException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "ProtobufMessageMarshaller(" + requestType.getName() + ")";
    }
}

package io.courier.grpc.internal.client;

import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import io.courier.grpc.GrpcNames;
import io.courier.grpc.internal.schema.MessageCodec;
import io.courier.grpc.internal.schema.SchemaException;
import io.courier.grpc.internal.schema.ServiceSchema;
import java.io.IOException;

/**
 * The marshaller of a method on plain Java types (records, classes, enums, {@code List}, {@code Map},
 * {@code Optional}, scalars, {@code byte[]}, {@code java.time}): its messages are those of the protobuf
 * schema derived from the method's interface ({@link ServiceSchema}), the very codecs a Courier provider
 * serves the interface with, so a consumer and a provider of one interface write and read the same bytes,
 * and a stock server compiled from the {@code .proto} Courier emits reads them too. A request that
 * spreads over the parameters is the argument array; otherwise (one record or class parameter, a
 * stream's message) the one argument. A field the reader does not know is skipped, as protobuf does.
 */
final class DerivedSchemaMarshaller implements MethodMarshaller {

    /** Each interface's schema, derived once on its first method and kept with its class. */
    private static final ClassValue<ServiceSchema> SCHEMAS = new ClassValue<>() {
        @Override
        protected ServiceSchema computeValue(Class<?> serviceInterface) {
            return ServiceSchema.of(GrpcNames.service(serviceInterface), ServiceDescriptor.of(serviceInterface));
        }
    };

    /** Makes the marshaller of methods whose types the derived schema describes. */
    static final Factory FACTORY = DerivedSchemaMarshaller::of;

    private final MessageCodec request;
    private final MessageCodec response;

    private DerivedSchemaMarshaller(MessageCodec request, MessageCodec response) {
        this.request = request;
        this.response = response;
    }

    private static MethodMarshaller of(MethodDescriptor method) {
        if (method.method() == null) {
            return null;
        }
        ServiceSchema schema;
        try {
            schema = SCHEMAS.get(method.method().getDeclaringClass());
        } catch (SchemaException e) {
            return null;
        }
        ServiceSchema.Messages messages = schema.messages(GrpcNames.method(method));
        if (messages == null || messages.unsupported() != null) {
            return null;
        }
        return new DerivedSchemaMarshaller(messages.request(), messages.response());
    }

    @Override
    public byte[] request(Object[] arguments) {
        return request.write(request.spreads() ? arguments : arguments[0]);
    }

    @Override
    public Object response(byte[] message) throws IOException {
        try {
            return response.read(message);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "DerivedSchemaMarshaller(" + request + ", " + response + ")";
    }
}

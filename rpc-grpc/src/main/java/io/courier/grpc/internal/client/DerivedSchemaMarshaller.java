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

    /** Makes the marshaller of methods whose types the derived schema describes, or says why it cannot. */
    static final Factory FACTORY = new Factory() {
        @Override
        public MethodMarshaller of(MethodDescriptor method) {
            ServiceSchema.Messages messages = messages(method);
            return messages.unsupported() != null
                    ? null
                    : new DerivedSchemaMarshaller(messages.request(), messages.response());
        }

        @Override
        public String refusal(MethodDescriptor method) {
            return messages(method).unsupported();
        }
    };

    private final MessageCodec request;
    private final MessageCodec response;

    private DerivedSchemaMarshaller(MessageCodec request, MessageCodec response) {
        this.request = request;
        this.response = response;
    }

    /** The method's codecs in its interface's schema, or why it has none. */
    private static ServiceSchema.Messages messages(MethodDescriptor method) {
        if (method.method() == null) {
            return new ServiceSchema.Messages(null, null, "a generic method has no Java types to describe");
        }
        ServiceSchema schema;
        try {
            schema = SCHEMAS.get(method.method().getDeclaringClass());
        } catch (SchemaException e) {
            return new ServiceSchema.Messages(null, null, e.getMessage());
        }
        ServiceSchema.Messages messages = schema.messages(GrpcNames.method(method));
        return messages != null
                ? messages
                : new ServiceSchema.Messages(null, null, "not described by " + schema.fullName() + "'s schema");
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

package io.courier.grpc.internal.client;

import java.util.List;

/** The encodings the gRPC client knows, in the order it asks them. */
public final class MethodMarshallers {

    /**
     * Protoc-generated messages as themselves, then plain Java types through the schema derived from the
     * interface (the provider's own codecs).
     */
    public static final List<MethodMarshaller.Factory> ALL =
            List.of(ProtobufMessageMarshaller.FACTORY, DerivedSchemaMarshaller.FACTORY);

    private MethodMarshallers() {}
}

package io.courier.grpc.internal.client;

import java.util.List;

/** The encodings the gRPC client knows, in the order it asks them. */
public final class MethodMarshallers {

    /**
     * Protoc-generated messages. The interface-derived schema for plain Java types is added after them
     * when it can write requests and read answers.
     */
    public static final List<MethodMarshaller.Factory> ALL = List.of(ProtobufMessageMarshaller.FACTORY);

    private MethodMarshallers() {}
}

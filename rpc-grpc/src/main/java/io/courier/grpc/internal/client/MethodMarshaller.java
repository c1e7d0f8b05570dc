package io.courier.grpc.internal.client;

import io.courier.api.MethodDescriptor;
import java.io.IOException;

/**
 * How the gRPC client writes one method's request message and reads its response messages: the one
 * seam between the client and an encoding. {@link ProtobufMessageMarshaller} covers methods on
 * protoc-generated messages, {@link DerivedSchemaMarshaller} methods on plain Java types (the
 * interface-derived schema); {@link MethodMarshallers#ALL} lists them in the order {@link GrpcClient} asks.
 * Implementations are immutable and thread-safe.
 */
public interface MethodMarshaller {

    /**
     * The request message of a call with {@code arguments} (the invocation's, unchanged).
     *
     * @throws IllegalArgumentException if an argument is not of the method's request type
     */
    byte[] request(Object[] arguments);

    /**
     * The value of one response message.
     *
     * @throws IOException if {@code message} is not a valid message of the response type
     */
    Object response(byte[] message) throws IOException;

    /** Makes the marshaller of a method, when its encoding covers the method's types. */
    @FunctionalInterface
    interface Factory {

        /**
         * The marshaller of {@code method}, or {@code null} when this encoding cannot write its request or
         * read its response (the client then asks the next factory).
         */
        MethodMarshaller of(MethodDescriptor method);

        /**
         * Why this encoding cannot carry {@code method} (named in the call's failure when no factory can),
         * or {@code null} when it has no more to say than that.
         */
        default String refusal(MethodDescriptor method) {
            return null;
        }
    }
}

package io.courier.grpc.internal.client;

import io.courier.api.MethodDescriptor;
import io.courier.grpc.GrpcNames;
import java.util.List;

/**
 * One method of a reference as the gRPC client calls it: its path ({@code /package.Service/Method},
 * named by {@link GrpcNames} from the interface, so {@code @GrpcService} names a stock server's service)
 * and its marshaller.
 *
 * @param unsupported why the method cannot be called over gRPC, or {@code null} when it can
 */
record ClientMethod(String path, MethodMarshaller marshaller, String unsupported) {

    static ClientMethod of(MethodDescriptor method, List<MethodMarshaller.Factory> marshallers) {
        if (method.method() == null) {
            return unsupported(method, "a generic call names no interface to take the gRPC service's name from");
        }
        String path = "/" + GrpcNames.service(method.method().getDeclaringClass()) + "/" + GrpcNames.method(method);
        if (method.oneway()) {
            return new ClientMethod(
                    path,
                    null,
                    method.name() + ": a oneway method has no gRPC form (expected: a method with an answer)");
        }
        StringBuilder refusals = new StringBuilder();
        for (MethodMarshaller.Factory factory : marshallers) {
            MethodMarshaller marshaller = factory.of(method);
            if (marshaller != null) {
                return new ClientMethod(path, marshaller, null);
            }
            String refusal = factory.refusal(method);
            if (refusal != null) {
                refusals.append("; ").append(refusal);
            }
        }
        return new ClientMethod(
                path,
                null,
                method.name() + ": its types are neither protoc-generated messages nor types the interface-derived"
                        + " protobuf schema describes (expected: Message parameter and result, or records, classes,"
                        + " enums, scalars, List, Map, Optional, java.time)" + refusals);
    }

    private static ClientMethod unsupported(MethodDescriptor method, String why) {
        return new ClientMethod("", null, method.name() + ": " + why);
    }
}

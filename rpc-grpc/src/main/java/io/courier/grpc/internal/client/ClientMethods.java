package io.courier.grpc.internal.client;

import io.courier.api.MethodDescriptor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Each method's {@link ClientMethod}, made once, by the marshaller factories in order. Thread-safe. */
final class ClientMethods {

    private final List<MethodMarshaller.Factory> marshallers;
    private final Map<MethodDescriptor, ClientMethod> made = new ConcurrentHashMap<>();

    ClientMethods(List<MethodMarshaller.Factory> marshallers) {
        this.marshallers = List.copyOf(marshallers);
    }

    ClientMethod of(MethodDescriptor method) {
        ClientMethod known = made.get(method);
        return known != null ? known : made.computeIfAbsent(method, m -> ClientMethod.of(m, marshallers));
    }
}

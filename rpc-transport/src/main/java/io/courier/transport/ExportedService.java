package io.courier.transport;

import io.courier.api.Invoker;
import io.courier.api.Serializer;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.transport.internal.VirtualThreads;
import java.util.List;
import java.util.Objects;

/**
 * One service a {@link TransportServer} serves: what it is, who answers it, which serializers a
 * request may use, and where its calls run.
 *
 * @param key the service key requests name
 * @param descriptor the remote methods; a request for any other method is refused unread
 * @param invoker the provider side of the service (usually its filter chain ending in the
 *     implementation's dispatcher); called on the service's executor and must not throw
 * @param serializers the serializers requests may use; a request in any other is refused before a
 *     byte of its arguments is read
 * @param executor where calls run, or {@code null} for the server's
 *     {@link TransportOptions#executor()}
 */
public record ExportedService(
        ServiceKey key,
        ServiceDescriptor descriptor,
        Invoker invoker,
        List<Serializer> serializers,
        ExecutorKind executor) {

    /**
     * @throws IllegalArgumentException if no serializer is given
     * @throws IllegalStateException if {@code executor} is {@link ExecutorKind#VIRTUAL} and this JVM
     *     has no virtual threads (Java 17 to 20)
     */
    public ExportedService {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(invoker, "invoker");
        serializers = List.copyOf(serializers);
        if (serializers.isEmpty()) {
            throw new IllegalArgumentException("serializers: [] (expected: at least one serializer)");
        }
        if (executor == ExecutorKind.VIRTUAL) {
            VirtualThreads.check("executor of " + key);
        }
    }

    /** A service on the server's default executor. */
    public static ExportedService of(
            ServiceKey key, ServiceDescriptor descriptor, Invoker invoker, List<Serializer> serializers) {
        return new ExportedService(key, descriptor, invoker, serializers, null);
    }
}

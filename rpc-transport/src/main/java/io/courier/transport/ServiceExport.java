package io.courier.transport;

import io.courier.api.Invoker;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.ExportedService;
import io.courier.transport.internal.executor.VirtualThreads;
import java.util.List;
import java.util.Objects;

/**
 * One service a {@link TransportServer} serves: what it is, who answers it, which serializers and
 * classes a request may use, and where its calls run. Immutable and thread-safe.
 *
 * @param key the service key requests name
 * @param descriptor the remote methods; a request for any other method is refused unread
 * @param invoker the provider side of the service (usually its filter chain ending in the
 *     implementation's dispatcher); called on the service's executor with the request's
 *     {@link io.courier.api.RpcContext} installed, and must not throw
 * @param serializers the serializers requests may use, as bound to this service ({@link
 *     Serializer#forService}); a request in any other is refused before a byte of its arguments is read
 * @param policy what arguments and attachments may build (the service's class allow-list)
 * @param executor where calls run, or {@code null} for the server's {@link TransportOptions#executor()}
 */
public record ServiceExport(
        ServiceKey key,
        ServiceDescriptor descriptor,
        Invoker invoker,
        List<Serializer> serializers,
        DeserializationPolicy policy,
        ExecutorKind executor)
        implements ExportedService {

    /**
     * @throws IllegalArgumentException if no serializer is given
     * @throws IllegalStateException if {@code executor} is {@link ExecutorKind#VIRTUAL} and this JVM
     *     has no virtual threads (Java 17 to 20)
     */
    public ServiceExport {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(invoker, "invoker");
        Objects.requireNonNull(policy, "policy");
        serializers = List.copyOf(serializers);
        if (serializers.isEmpty()) {
            throw new IllegalArgumentException("serializers: [] (expected: at least one serializer)");
        }
        if (executor == ExecutorKind.VIRTUAL) {
            VirtualThreads.check("executor of " + key);
        }
    }

    @Override
    public boolean accepts(int serializerId) {
        for (Serializer serializer : serializers) {
            if (serializer.id() == serializerId) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Serializer serializer(Serializer installed) {
        return ExportedService.exportedWith(serializers, installed);
    }
}

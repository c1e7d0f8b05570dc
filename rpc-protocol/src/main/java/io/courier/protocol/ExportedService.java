package io.courier.protocol;

import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What the request decoder needs to know about a service the provider exports: its key, its
 * methods, the serializers it was exported with and what its arguments may contain. A transport
 * usually implements this on its own per-service object (holding the invoker too), so that the
 * {@link DecodedRequest} hands that object back. Implementations are immutable and thread-safe.
 */
public interface ExportedService {

    ServiceKey key();

    ServiceDescriptor descriptor();

    /** Whether requests in the serializer with header id {@code serializerId} are accepted. */
    boolean accepts(int serializerId);

    /** What arguments and attachments of requests to this service may build. */
    DeserializationPolicy policy();

    /**
     * The serializer that reads this service's requests written in {@code installed}'s id and writes
     * their answers: the one the service was exported with ({@link Serializer#forService}), or
     * {@code installed} itself if none with that id was given. Called only after {@link #accepts}.
     */
    default Serializer serializer(Serializer installed) {
        return installed;
    }

    /**
     * The serializer of {@code serializers} with {@code installed}'s id, or {@code installed} if none
     * has it: what {@link #serializer} answers for a service exported with {@code serializers}.
     */
    static Serializer exportedWith(List<? extends Serializer> serializers, Serializer installed) {
        for (Serializer serializer : serializers) {
            if (serializer.id() == installed.id()) {
                return serializer;
            }
        }
        return installed;
    }

    /** A plain implementation accepting exactly {@code serializers}. */
    static ExportedService of(
            ServiceKey key,
            ServiceDescriptor descriptor,
            Collection<? extends Serializer> serializers,
            DeserializationPolicy policy) {
        int mask = 0;
        for (Serializer serializer : serializers) {
            mask |= 1 << serializer.id();
        }
        if (mask == 0) {
            throw new IllegalArgumentException("serializers: [] (expected: at least one)");
        }
        return new BasicExportedService(
                Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(descriptor, "descriptor"),
                mask,
                List.copyOf(serializers),
                Objects.requireNonNull(policy, "policy"));
    }
}

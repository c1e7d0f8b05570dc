package io.courier.protocol;

import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import java.util.List;

/** {@link ExportedService#of}: the accepted serializer ids as a bit mask. */
record BasicExportedService(
        ServiceKey key,
        ServiceDescriptor descriptor,
        int serializerMask,
        List<Serializer> serializers,
        DeserializationPolicy policy)
        implements ExportedService {

    @Override
    public boolean accepts(int serializerId) {
        return serializerId > 0 && serializerId < Integer.SIZE && (serializerMask & 1 << serializerId) != 0;
    }

    @Override
    public Serializer serializer(Serializer installed) {
        return ExportedService.exportedWith(serializers, installed);
    }
}

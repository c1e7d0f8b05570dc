package io.courier.protocol;

import io.courier.api.DeserializationPolicy;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;

/** {@link ExportedService#of}: the accepted serializer ids as a bit mask. */
record BasicExportedService(
        ServiceKey key, ServiceDescriptor descriptor, int serializerMask, DeserializationPolicy policy)
        implements ExportedService {

    @Override
    public boolean accepts(int serializerId) {
        return serializerId > 0 && serializerId < Integer.SIZE && (serializerMask & 1 << serializerId) != 0;
    }
}

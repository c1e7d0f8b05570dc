package io.courier.serialization.fory;

import io.courier.api.ServiceDescriptor;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.testing.SuiteSerializer;

/** Puts fory into rpc-protocol's hostile-input suites, which this module runs from its test-jar. */
public final class ForySuiteSerializer implements SuiteSerializer {

    @Override
    public byte id() {
        return ForySerializer.ID;
    }

    @Override
    public Serializer bound(ServiceDescriptor service, DeserializationPolicy policy) {
        return new ForySerializer().forService(service, policy);
    }

    @Override
    public byte[] renamed(ServiceDescriptor service, Object value, Class<?> decoyClass, String gadget) {
        return HostileFory.session(service, value, decoyClass, gadget);
    }
}

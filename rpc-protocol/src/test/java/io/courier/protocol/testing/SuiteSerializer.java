package io.courier.protocol.testing;

import io.courier.api.ServiceDescriptor;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A serializer of another module that the protocol's hostile-input suites ({@code GadgetRefusalTest},
 * {@code HostileFrameTest}) run over besides protostuff and hessian. That module lists its
 * implementation in its test resources' {@code META-INF/services} and runs the suites from this
 * test-jar (surefire's {@code dependenciesToScan}); in this module none is installed.
 */
public interface SuiteSerializer {

    /** The header id of the serializer. */
    byte id();

    /** The serializer as the protocol uses it for {@code service}, reading under {@code policy}. */
    Serializer bound(ServiceDescriptor service, DeserializationPolicy policy);

    /**
     * One value as {@link #bound} writes it for {@code service}, except that the class {@code
     * decoyClass} (anywhere in {@code value}, or {@code value}'s own class for an exception) is named
     * {@code gadget}: what an attacker sends. Nothing named {@code gadget} is loaded to make it.
     */
    byte[] renamed(ServiceDescriptor service, Object value, Class<?> decoyClass, String gadget);

    /** Every implementation on the test class path. */
    static List<SuiteSerializer> installed() {
        return ServiceLoader.load(SuiteSerializer.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }
}

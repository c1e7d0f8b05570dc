package io.courier.serialization.fory;

import io.courier.api.ByteSink;
import io.courier.api.ByteSource;
import io.courier.api.DeserializationPolicy;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.Serializer;
import io.courier.api.ServiceDescriptor;
import io.courier.spi.Extension;

/**
 * The {@code fory} serializer (id 4): Apache Fory in its Java format with class registration
 * required, code generation on, schema-consistent classes and no reference tracking.
 *
 * <p>Fory numbers the classes it may carry, and both sides must number them alike, so this
 * serializer works only bound to a service ({@link #forService}, done by Courier at export and refer
 * time): each service registers the classes its interface reaches, sorted by name (see {@code
 * ForyTypes}). A value of any other class cannot be written ({@code SERIALIZATION} naming it), and
 * a frame naming one is refused before the class is loaded. The unbound serializer refuses to write
 * or read.
 *
 * <pre>
 * session := fingerprint (4 bytes, big endian: CRC32C of the registered classes and their fields)
 *            value*
 * value   := length (varint), then that many bytes: one Fory-serialized object (null included)
 * </pre>
 *
 * <p>Exceptions travel as the same exception data as protostuff and hessian. Thread-safe.
 */
@Extension("fory")
public final class ForySerializer implements Serializer {

    /** The header id of this serializer. */
    public static final byte ID = 4;

    @Override
    public byte id() {
        return ID;
    }

    /**
     * This serializer for {@code service}: a pool of Fory instances (see {@link ServiceFory}) with the
     * service's classes registered and its serializers generated now, reading under {@code policy}'s depth and collection limits
     * and asking it about every class name a frame spells.
     */
    @Override
    public Serializer forService(ServiceDescriptor service, DeserializationPolicy policy) {
        return new ServiceFory(service, policy);
    }

    @Override
    public ValueWriter writer(ByteSink sink) {
        throw unbound();
    }

    @Override
    public ValueReader reader(ByteSource source, DeserializationPolicy policy) {
        throw unbound();
    }

    private static RpcException unbound() {
        return new RpcException(
                ErrorCode.SERIALIZATION,
                "fory carries only the values of a service it is bound to (expected: Serializer.forService, as"
                        + " Courier does at export and refer time)");
    }
}

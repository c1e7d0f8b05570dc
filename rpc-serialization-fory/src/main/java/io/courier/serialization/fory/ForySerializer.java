package io.courier.serialization.fory;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.ServiceDescriptor;
import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.spi.Extension;

/**
 * The {@code fory} serializer (id 4): Apache Fory in its Java format with class registration
 * required, code generation on, compatible mode (fields matched by name, so two versions of a class
 * read each other's values) and no reference tracking.
 *
 * <p>Fory carries only the classes registered with it, so this serializer works only bound to a
 * service ({@link #forService}, done by Courier at export and refer time): each service registers
 * the classes its interface reaches, each under its name (see {@code ForyTypes}); under {@code auto}
 * the binding runs in the background ({@link #prepareForService}). A value of any
 * other class cannot be written ({@code SERIALIZATION} naming it), and a frame naming one is refused
 * before the class is loaded. The unbound serializer refuses to write or read.
 *
 * <pre>
 * session := value*
 * value   := tag (1 byte): 0 null, 1 false, 2 true, 3 int (zigzag varint), 4 long (zigzag varint),
 *            5 string (varint length, UTF-8), 6 fory (varint length, one Fory-serialized object)
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

    /**
     * As {@link #forService}, the binding done on a background thread (see {@link PreparingFory}):
     * {@link Serializer#ready()} says when it is done, and a failure to bind is logged rather than
     * thrown. What Courier's {@code auto} setting uses, so that an application's start does not wait
     * for Fory's code generation and its first calls go in protostuff meanwhile.
     */
    @Override
    public Serializer prepareForService(ServiceDescriptor service, DeserializationPolicy policy) {
        return new PreparingFory(service, policy);
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

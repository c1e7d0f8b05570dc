package io.courier.api;

import io.courier.spi.ExtensionPoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;

/**
 * Turns argument, result and exception objects into bytes and back. The protocol writes the frame
 * header, service key, method and attachments itself; a serializer handles only values.
 *
 * <p>Each implementation has a fixed {@link #id()} carried in every frame, and an extension name
 * (e.g. {@code protostuff}, the default, or {@code hessian}). Reading is the dangerous direction:
 * an implementation must ask {@link DeserializationPolicy#checkClass(String)} before it loads any
 * class named in the input, and honour the policy's depth and length limits before it allocates.
 * Implementations are thread-safe and stateless between calls.
 */
@ExtensionPoint(defaultName = "protostuff")
public interface Serializer {

    /** The id written in the frame header: unique, 1 to 31, never reused. */
    byte id();

    /**
     * Writes {@code value} (may be {@code null}) as a value of {@code declaredType} to {@code out}.
     * The output is self-delimiting: several values may be written one after another.
     *
     * @throws RpcException with {@link ErrorCode#SERIALIZATION} if the value cannot be written
     */
    void write(OutputStream out, Object value, Type declaredType) throws IOException;

    /**
     * Reads one value written by {@link #write} for {@code declaredType}.
     *
     * @throws RpcException with {@link ErrorCode#SERIALIZATION} naming the class if the input names a
     *     class the policy refuses, or a limit is exceeded; never calls {@code toString},
     *     {@code hashCode} or {@code equals} on what it read to build the message
     */
    Object read(InputStream in, Type declaredType, DeserializationPolicy policy) throws IOException;
}

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
 * (e.g. {@code protostuff}, the default, or {@code hessian}). Values are written and read in
 * sessions: one {@link ValueWriter} writes every argument of a request (or the one result of a
 * response) to one stream, one {@link ValueReader} reads them back in the same order with the same
 * declared types. A session may buffer or read ahead; the protocol never mixes its own bytes into a
 * session's stream.
 *
 * <p>Reading is the dangerous direction: a reader must ask {@link DeserializationPolicy#checkClass}
 * before it loads any class named in the input, must honour the policy's depth and length limits
 * before it allocates, and must never call {@code toString}, {@code hashCode} or {@code equals} on
 * what it read to build an error message.
 *
 * <p>Implementations are thread-safe; sessions are not, and live for one request or response.
 */
@ExtensionPoint(defaultName = "protostuff")
public interface Serializer {

    /** The id written in the frame header: unique, 1 to 31, never reused. */
    byte id();

    /**
     * A session writing values to {@code out}. The caller keeps ownership of {@code out}; the
     * session never closes it.
     */
    ValueWriter writer(OutputStream out);

    /**
     * A session reading values from {@code in}, building only what {@code policy} allows. The caller
     * keeps ownership of {@code in}; the session never closes it.
     */
    ValueReader reader(InputStream in, DeserializationPolicy policy);

    /** Writes values one after another. Not thread-safe. */
    interface ValueWriter {

        /**
         * Writes {@code value} (may be {@code null}) as a value of {@code declaredType}; the reader
         * is given the same declared type.
         *
         * @throws RpcException with {@link ErrorCode#SERIALIZATION} naming the type if the value
         *     cannot be written
         * @throws IOException if the stream fails
         */
        void write(Object value, Type declaredType) throws IOException;

        /** Writes whatever the session buffered; called once after the last value. */
        void flush() throws IOException;
    }

    /** Reads values in the order they were written. Not thread-safe. */
    interface ValueReader {

        /**
         * Reads the next value, written for {@code declaredType}; may return {@code null}.
         *
         * @throws RpcException with {@link ErrorCode#SERIALIZATION} naming the class if the input
         *     names a class the policy refuses, or a limit is exceeded
         * @throws IOException if the input is malformed or ends early
         */
        Object read(Type declaredType) throws IOException;
    }
}

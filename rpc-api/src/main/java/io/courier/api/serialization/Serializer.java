package io.courier.api.serialization;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.ServiceDescriptor;
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
 * (e.g. {@code protostuff}, {@code fory} or {@code hessian}). Values are written and read in
 * sessions: one {@link ValueWriter} writes every argument of a request (or the one result of a
 * response) to one {@link ByteSink}, one {@link ValueReader} reads them back in the same order with the same
 * declared types from a {@link ByteSource}. A session may buffer or read ahead; the protocol never
 * mixes its own bytes into a session's sink or source.
 *
 * <p>Reading is the dangerous direction: a reader must ask {@link DeserializationPolicy#checkClass}
 * before it loads any class named in the input, must honour the policy's depth and length limits
 * before it allocates, and must never call {@code toString}, {@code hashCode} or {@code equals} on
 * what it read to build an error message.
 *
 * <p>Implementations are thread-safe; sessions are not, and live for one request or response.
 */
@ExtensionPoint(defaultName = "protostuff", formerly = "io.courier.api.Serializer")
public interface Serializer {

    /** The id written in the frame header: unique, 1 to 31, never reused. */
    byte id();

    /**
     * This serializer as one service uses it: called once for every service a provider exports or
     * a consumer refers to, at export or refer time and never on a call, with the service's
     * methods and the policy its values are read under. The protocol then writes and reads that
     * service's values only through the returned serializer, on both sides, so a serializer whose
     * wire format depends on the set of types (a registration table both ends must agree on) can
     * derive that set from {@code service} here.
     *
     * <p>By default a serializer needs no such binding and returns itself. An implementation
     * returns a thread-safe serializer with the same {@link #id()}; it may do its start-up work
     * (code generation, tables) before returning, and throws {@link IllegalArgumentException}
     * naming the type if the service's types cannot be carried.
     */
    default Serializer forService(ServiceDescriptor service, DeserializationPolicy policy) {
        return this;
    }

    /**
     * As {@link #forService}, for a caller that has another serializer to fall back on while this
     * one gets ready (Courier's {@code auto} setting: fory, then protostuff): the returned
     * serializer may still be doing its start-up work in the background, and says so through
     * {@link #ready()}, so that the start-up of an application does not wait for it. Its sessions
     * work at any time: one opened before it is ready waits for the start-up work to end. If that
     * work fails, {@link #ready()} stays {@code false} and its sessions fail with
     * {@link ErrorCode#SERIALIZATION}, instead of this method throwing.
     *
     * <p>By default the same as {@link #forService}: a serializer without start-up work worth
     * moving off the critical path need not override it.
     */
    default Serializer prepareForService(ServiceDescriptor service, DeserializationPolicy policy) {
        return forService(service, policy);
    }

    /**
     * Whether this serializer's start-up work is done, so that a session opened now costs no more
     * than any later one (see {@link #prepareForService}). A consumer with another serializer the
     * provider accepts writes in that one while this answers {@code false}. Cheap and non-blocking;
     * once {@code true}, always {@code true}. The default is {@code true}.
     */
    default boolean ready() {
        return true;
    }

    /**
     * A session writing values to {@code sink}: the method the protocol calls, with a sink writing
     * straight into the outgoing frame. The caller keeps ownership of {@code sink}; the session
     * never closes it.
     *
     * <p>By default this bridges to {@link #writer(OutputStream)}, so a serializer written against
     * streams keeps working unchanged; a serializer that wants the sink overrides this method.
     */
    default ValueWriter writer(ByteSink sink) {
        return writer(SerializerBridge.streamFor(this, sink));
    }

    /**
     * A session reading values from {@code source}, building only what {@code policy} allows: the
     * method the protocol calls, with a source over the rest of a frame body. The caller keeps
     * ownership of {@code source}; the session never closes it.
     *
     * <p>By default this bridges to {@link #reader(InputStream, DeserializationPolicy)}, so a
     * serializer written against streams keeps working unchanged; a serializer that wants the
     * source overrides this method.
     */
    default ValueReader reader(ByteSource source, DeserializationPolicy policy) {
        return reader(SerializerBridge.streamFor(this, source), policy);
    }

    /**
     * A session writing values to {@code out}. The caller keeps ownership of {@code out}; the
     * session never closes it. By default this wraps {@code out} in a {@link ByteSink} and calls
     * {@link #writer(ByteSink)}; serializers written before {@link ByteSink} existed override it.
     */
    default ValueWriter writer(OutputStream out) {
        return writer(ByteSink.of(out));
    }

    /**
     * A session reading values from {@code in}, building only what {@code policy} allows. The caller
     * keeps ownership of {@code in}; the session never closes it. By default this wraps {@code in}
     * in a {@link ByteSource} and calls {@link #reader(ByteSource, DeserializationPolicy)};
     * serializers written before {@link ByteSource} existed override it.
     */
    default ValueReader reader(InputStream in, DeserializationPolicy policy) {
        return reader(ByteSource.of(in), policy);
    }

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

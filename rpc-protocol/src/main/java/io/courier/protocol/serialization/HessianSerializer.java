package io.courier.protocol.serialization;

import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.HessianFactory;
import io.courier.protocol.internal.LimitedHessianInput;
import io.courier.protocol.internal.QuietHessianStart;
import io.courier.protocol.internal.ReadLimits;
import io.courier.protocol.internal.ThrowableData;
import io.courier.protocol.internal.Throwables;
import io.courier.protocol.internal.Types;
import io.courier.spi.Extension;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code hessian} serializer (id 2): Dubbo's hessian-lite in Hessian 2 format, for
 * interoperable, self-describing values. Every value carries its class names.
 *
 * <p>Each thread reuses one hessian writer (and its 4 KiB buffer) for its sessions. Reading uses
 * one hessian factory per policy: every type name in the input is judged by the
 * policy before hessian may load it, {@code java.lang.Class} values are refused, list lengths are
 * charged against the element budget before hessian allocates, and nesting is counted. Records are
 * supported through their canonical constructors; exceptions travel as data and are rebuilt
 * through their constructors (Java 17 lets no library set {@link Throwable}'s fields).
 */
@Extension("hessian")
public final class HessianSerializer implements Serializer {

    /** The header id of this serializer. */
    public static final byte ID = 2;

    // Built on first use: every Courier JVM loads this extension even when no service uses hessian,
    // and initializing hessian-lite costs time (and, without QuietHessianStart, prints stack traces).
    private volatile HessianFactory writeFactory;
    private final Map<DeserializationPolicy, HessianFactory> readFactories = new ConcurrentHashMap<>();

    @Override
    public byte id() {
        return ID;
    }

    private HessianFactory writeFactory() {
        HessianFactory factory = writeFactory;
        if (factory == null) {
            synchronized (this) {
                factory = writeFactory;
                if (factory == null) {
                    QuietHessianStart.ensure();
                    factory = new HessianFactory(null, HessianSerializer.class.getClassLoader());
                    writeFactory = factory;
                }
            }
        }
        return factory;
    }

    @Override
    public ValueWriter writer(ByteSink sink) {
        OutputStream out = sink.asOutputStream();
        HessianFactory factory = writeFactory(); // before any hessian class is initialized
        CachedOutput cached = OUTPUTS.get();
        Hessian2Output output;
        if (cached.busy) {
            // A session already open on this thread (the protocol never does this): no sharing.
            output = new Hessian2Output(out);
            output.setSerializerFactory(factory);
            return new Session(output, null);
        }
        cached.busy = true;
        cached.output.init(out);
        cached.output.setSerializerFactory(factory);
        return new Session(cached.output, cached);
    }

    /**
     * Hessian2Output carries a 4 KiB buffer; one per thread is reused, reset at the start of every
     * session ({@link Hessian2Output#init} clears its buffer, references and class definitions).
     */
    private static final class CachedOutput {
        final Hessian2Output output = new Hessian2Output(null);
        boolean busy;
    }

    private static final ThreadLocal<CachedOutput> OUTPUTS = ThreadLocal.withInitial(CachedOutput::new);

    private static final class Session implements ValueWriter {
        private final Hessian2Output output;
        private final CachedOutput cached;

        Session(Hessian2Output output, CachedOutput cached) {
            this.output = output;
            this.cached = cached;
        }

        @Override
        public void write(Object value, Type declaredType) throws IOException {
            Object written = value instanceof Throwable exception ? Throwables.toData(exception) : value;
            try {
                output.writeObject(written);
            } catch (RpcException | IOException | IndexOutOfBoundsException e) {
                // IndexOutOfBounds: the frame buffer hit its cap, which the protocol reports itself
                release();
                throw e;
            } catch (RuntimeException e) {
                release();
                throw new RpcException(
                        ErrorCode.SERIALIZATION,
                        "hessian cannot write " + value.getClass().getName() + " (" + e + ")",
                        e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                output.flushBuffer();
            } finally {
                release();
            }
        }

        private void release() {
            if (cached != null) {
                cached.busy = false;
            }
        }
    }

    @Override
    public ValueReader reader(ByteSource source, DeserializationPolicy policy) {
        HessianFactory factory = readFactories.computeIfAbsent(policy, this::newReadFactory);
        LimitedHessianInput input = new LimitedHessianInput(source);
        input.setSerializerFactory(factory);
        return declaredType -> {
            input.startValue(new ReadLimits(policy));
            Object value;
            try {
                // Only the raw class: hessian-lite misreads class definitions when given element
                // types, and the stream names every element's class anyway.
                value = input.readObject(expected(declaredType));
            } catch (IOException e) {
                rethrowRefusal(e);
                throw e;
            } catch (RuntimeException e) {
                rethrowRefusal(e);
                throw e;
            }
            if (source.ranPastEnd()) {
                // hessian-lite reads past the end as if the missing bytes were 0xFF; never accept that
                throw new RpcException(ErrorCode.SERIALIZATION, "hessian value runs past the end of the body");
            }
            return value instanceof ThrowableData data ? Throwables.fromData(data, policy) : value;
        };
    }

    /**
     * A reader of whole payloads each holding one value of {@code type} written alone (as events
     * are), under {@code policy}, which reads a record's class definition once rather than with
     * every payload; for one thread. See {@link HessianPayloadReader}.
     */
    public HessianPayloadReader payloadReader(Class<?> type, DeserializationPolicy policy) {
        return new HessianPayloadReader(this, type, policy);
    }

    /**
     * A writer of whole payloads each holding one value of {@code type} alone (as events do), in
     * this serializer's bytes, which makes a record's class definition once rather than with every
     * payload; thread-safe. See {@link HessianPayloadWriter}.
     */
    public HessianPayloadWriter payloadWriter(Class<?> type) {
        return new HessianPayloadWriter(this, type);
    }

    /** Hessian wraps what a field's deserializer throws; a refusal inside is the real story. */
    private static void rethrowRefusal(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof RpcException refusal) {
                throw refusal;
            }
        }
    }

    private HessianFactory newReadFactory(DeserializationPolicy policy) {
        QuietHessianStart.ensure();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return new HessianFactory(policy, context != null ? context : HessianSerializer.class.getClassLoader());
    }

    /** What hessian is asked for: the declared class, or none for exceptions (they arrive as data). */
    private static Class<?> expected(Type declaredType) {
        Class<?> raw = Types.raw(declaredType);
        return Throwable.class.isAssignableFrom(raw) || raw == void.class || raw == Void.class ? null : raw;
    }
}

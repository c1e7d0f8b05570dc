package io.courier.api.serialization;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Where a {@link Serializer} session writes a message's values: Courier's own byte sink, an
 * extension point type. The protocol hands each writing session a sink that writes straight into
 * the outgoing frame; a serializer writes bytes to it and never closes it.
 *
 * <p>A sink is an {@link OutputStream}, so libraries that only know streams write to {@link
 * #asOutputStream()} (or to the sink itself). {@link #of(OutputStream)} makes a sink of any stream,
 * for tests and tools that serialize outside a frame.
 *
 * <p>Not thread-safe; a sink lives for one session.
 */
public abstract class ByteSink extends OutputStream {

    /** For subclasses. */
    protected ByteSink() {}

    /**
     * A sink writing to {@code out}; {@code out} itself if it already is a sink. The caller keeps
     * ownership of {@code out}.
     */
    public static ByteSink of(OutputStream out) {
        Objects.requireNonNull(out, "out");
        return out instanceof ByteSink sink ? sink : new StreamSink(out);
    }

    /** Writes the low eight bits of {@code value}. */
    public void writeByte(int value) throws IOException {
        write(value);
    }

    /** How many bytes this sink has taken so far. */
    public abstract long written();

    /**
     * How many more bytes this sink can take, or {@link Long#MAX_VALUE} (the default) if it cannot
     * tell. A serializer that encodes a whole message before writing it may stop as soon as the
     * message outgrows this, rather than build what the sink would refuse; writing more fails as
     * the sink's writes do (the protocol's sink: {@link IndexOutOfBoundsException} at the frame's
     * maximum size).
     */
    public long maxWritable() {
        return Long.MAX_VALUE;
    }

    /** This sink seen as a stream, for libraries that write to streams; closing it does nothing. */
    public OutputStream asOutputStream() {
        return this;
    }

    /** Does nothing: the caller that made the sink owns what is behind it. */
    @Override
    public void close() {}
}

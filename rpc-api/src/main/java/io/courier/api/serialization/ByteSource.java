package io.courier.api.serialization;

import java.io.InputStream;
import java.util.Objects;

/**
 * Where a {@link Serializer} session reads a message's values: Courier's own byte source, an
 * extension point type. The protocol hands each reading session a source over the rest of a frame
 * body, read in place; a serializer reads bytes from it and never closes it.
 *
 * <p>A source is an {@link InputStream}, so libraries that only know streams read from {@link
 * #asInputStream()} (or from the source itself). A source never reads past the body: a read that
 * finds no byte left returns {@code -1} and is remembered by {@link #ranPastEnd()}, so that a
 * reader that guesses missing bytes (as some stream libraries do) can be caught.
 *
 * <p>Not thread-safe; a source lives for one session.
 */
public abstract class ByteSource extends InputStream {

    /** For subclasses. */
    protected ByteSource() {}

    /**
     * A source reading from {@code in}; {@code in} itself if it already is a source. The caller
     * keeps ownership of {@code in}.
     */
    public static ByteSource of(InputStream in) {
        Objects.requireNonNull(in, "in");
        return in instanceof ByteSource source ? source : new StreamSource(in);
    }

    /**
     * The offset of the next byte to read, for error messages; {@code -1} if the source cannot
     * tell.
     */
    public abstract int position();

    /** Whether a read asked for a byte after the last one. */
    public abstract boolean ranPastEnd();

    /** This source seen as a stream, for libraries that read streams; closing it does nothing. */
    public InputStream asInputStream() {
        return this;
    }

    /** Does nothing: the caller that made the source owns what is behind it. */
    @Override
    public void close() {}
}

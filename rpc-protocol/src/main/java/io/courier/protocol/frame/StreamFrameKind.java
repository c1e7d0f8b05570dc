package io.courier.protocol.frame;

/**
 * The kind of a stream frame, the first byte of its body (see {@code docs/protocol.md}, "Stream
 * frames"). Numbers are fixed forever; a receiver refuses a number it does not know.
 */
public enum StreamFrameKind {
    /** Consumer to provider: opens a stream; carries the initial credit and a request body. */
    OPEN(1),
    /** Either way: one value of the stream, within the credit its receiver granted. */
    MESSAGE(2),
    /** Either way: the sender sends no more messages; from the provider, the stream's normal end. */
    HALF_CLOSE(3),
    /** Either way: the sender abandons the stream; nothing more is sent about it. */
    CANCEL(4),
    /** Either way: the stream failed; the header's status is the error code. */
    ERROR(5),
    /** Either way: the sender grants its peer this many more messages. */
    WINDOW(6);

    private static final StreamFrameKind[] BY_NUMBER = {null, OPEN, MESSAGE, HALF_CLOSE, CANCEL, ERROR, WINDOW};

    private final int number;

    StreamFrameKind(int number) {
        this.number = number;
    }

    /** The number on the wire. */
    public int number() {
        return number;
    }

    /** The kind numbered {@code number}, or {@code null} for one this version does not know. */
    public static StreamFrameKind of(int number) {
        return number > 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }
}

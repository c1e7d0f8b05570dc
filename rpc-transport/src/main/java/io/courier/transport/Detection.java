package io.courier.transport;

import io.netty.buffer.ByteBuf;

/** What a {@link PortProtocol} makes of a connection's first bytes. */
public enum Detection {
    /** The bytes begin this protocol's connection preface: the protocol serves the connection. */
    MATCH,
    /** The bytes cannot begin this protocol's connection. */
    NO_MATCH,
    /** The bytes so far begin this protocol's preface, and more are needed to be sure. */
    NEED_MORE;

    /**
     * How {@code firstBytes} (from its reader index, left where it is) compare with a protocol's fixed
     * {@code preface}: all of it there, a beginning of it so far, or something else.
     */
    public static Detection ofPreface(ByteBuf firstBytes, byte[] preface) {
        int seen = Math.min(firstBytes.readableBytes(), preface.length);
        for (int i = 0; i < seen; i++) {
            if (firstBytes.getByte(firstBytes.readerIndex() + i) != preface[i]) {
                return NO_MATCH;
            }
        }
        return seen == preface.length ? MATCH : NEED_MORE;
    }
}

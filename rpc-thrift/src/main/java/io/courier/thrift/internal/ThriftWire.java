package io.courier.thrift.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TIOStreamTransport;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.apache.thrift.transport.TTransportException;

/**
 * The two protocols stock Thrift clients speak over the framed transport, told apart by a message's first
 * byte: the binary protocol's version word starts {@code 0x80 0x01}, the compact protocol's id is
 * {@code 0x82}.
 *
 * <pre>
 * framed:   +----------------+---------------------------------------------+
 *           | length (int32) | message: length bytes                       |
 *           +----------------+---------------------------------------------+
 * binary:   0x80 0x01 0x00 type | name length (int32) | name | seqid (int32) | args struct
 * compact:  0x82 | type&lt;&lt;5 | 1 | seqid (varint) | name length (varint) | name | args struct
 * </pre>
 */
public enum ThriftWire {
    BINARY,
    COMPACT;

    /** The wire of a message starting with {@code first}, or {@code null} when it is neither. */
    static ThriftWire of(int first) {
        return switch (first & 0xff) {
            case 0x80 -> BINARY;
            case 0x82 -> COMPACT;
            default -> null;
        };
    }

    /** A protocol reading {@code message}, whose strings and containers cannot claim more bytes than it holds. */
    TProtocol reader(byte[] message) throws TTransportException {
        TConfiguration configuration = TConfiguration.custom()
                .setMaxMessageSize(Math.max(message.length, 1))
                .setMaxFrameSize(Math.max(message.length, 1))
                .build();
        TMemoryInputTransport transport = new TMemoryInputTransport(configuration, message);
        return this == BINARY ? new TBinaryProtocol(transport, true, true) : new TCompactProtocol(transport);
    }

    /** A frame being written: its length is filled in by {@link Out#finish}. */
    Out writer(ByteBufAllocator alloc) throws TTransportException {
        ByteBuf buffer = alloc.buffer(128);
        buffer.writeInt(0);
        TIOStreamTransport transport = new TIOStreamTransport(new ByteBufOutputStream(buffer));
        TProtocol protocol = this == BINARY ? new TBinaryProtocol(transport) : new TCompactProtocol(transport);
        return new Out(buffer, protocol);
    }

    /** A frame being written and the protocol writing it; whoever fails to finish it releases it. */
    record Out(ByteBuf buffer, TProtocol protocol) {
        ByteBuf finish() {
            buffer.setInt(0, buffer.readableBytes() - 4);
            return buffer;
        }
    }
}

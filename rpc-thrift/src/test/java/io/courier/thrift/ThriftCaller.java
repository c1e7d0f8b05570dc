package io.courier.thrift;

import java.util.HashMap;
import java.util.Map;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.layered.TFramedTransport;

/**
 * libthrift's stock framed transport and protocols with hand-written messages (no generated code): sends a
 * call, reads its result struct as a map of field id to value (a struct's value is such a map too).
 */
final class ThriftCaller implements AutoCloseable {

    private final TFramedTransport transport;
    private final TProtocol protocol;
    private int seqid;

    ThriftCaller(int port, boolean compact) throws TException {
        TSocket socket = new TSocket("127.0.0.1", port);
        socket.setTimeout(10_000);
        transport = new TFramedTransport(socket);
        transport.open();
        protocol = compact ? new TCompactProtocol(transport) : new TBinaryProtocol(transport);
    }

    /** Sends a call of {@code function} whose arguments {@code arguments} writes (a struct). */
    void send(String function, RawThrift.Body arguments) throws TException {
        protocol.writeMessageBegin(new TMessage(function, TMessageType.CALL, ++seqid));
        arguments.write(protocol);
        protocol.writeMessageEnd();
        transport.flush();
    }

    /** The next answer's result struct; Thrift's own exception is thrown. */
    Map<Short, Object> result() throws TException {
        TMessage message = protocol.readMessageBegin();
        if (message.type == TMessageType.EXCEPTION) {
            throw TApplicationException.readFrom(protocol);
        }
        Map<Short, Object> fields = struct();
        protocol.readMessageEnd();
        return fields;
    }

    private Map<Short, Object> struct() throws TException {
        Map<Short, Object> fields = new HashMap<>();
        protocol.readStructBegin();
        for (TField field = protocol.readFieldBegin(); field.type != TType.STOP; field = protocol.readFieldBegin()) {
            Object value =
                    switch (field.type) {
                        case TType.BOOL -> protocol.readBool();
                        case TType.I32 -> protocol.readI32();
                        case TType.I64 -> protocol.readI64();
                        case TType.STRING -> protocol.readString();
                        case TType.STRUCT -> struct();
                        default -> {
                            TProtocolUtil.skip(protocol, field.type);
                            yield null;
                        }
                    };
            fields.put(field.id, value);
            protocol.readFieldEnd();
        }
        protocol.readStructEnd();
        return fields;
    }

    @Override
    public void close() {
        transport.close();
    }
}

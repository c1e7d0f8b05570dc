package io.courier.bench.thrift;

import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.layered.TFramedTransport;

/**
 * libthrift's stock synchronous client stack on one connection: {@link TSocket}, {@link TFramedTransport}, {@link
 * TBinaryProtocol}, one call at a time, the messages written as a generated client writes them ({@link UserWire}).
 * Not thread-safe: one per calling thread.
 */
final class ThriftUserClient implements AutoCloseable {

    private final TFramedTransport transport;
    private final TProtocol protocol;
    private int seqid;

    ThriftUserClient(String host, int port) throws TException {
        TSocket socket = new TSocket(host, port);
        socket.setTimeout(30_000);
        transport = new TFramedTransport(socket);
        transport.open();
        protocol = new TBinaryProtocol(transport);
    }

    boolean existUser(String email) throws TException {
        send("existUser", email);
        return (Boolean) result(TType.BOOL);
    }

    ThriftUser getUser(long id) throws TException {
        send("getUser", id);
        return (ThriftUser) result(TType.STRUCT);
    }

    private void send(String method, Object argument) throws TException {
        protocol.writeMessageBegin(new TMessage(method, TMessageType.CALL, ++seqid));
        UserWire.writeArgs(protocol, argument);
        protocol.writeMessageEnd();
        transport.flush();
    }

    /** The answer's field 0, of {@code type}; a declared exception (field 1) or Thrift's own is thrown. */
    private Object result(byte type) throws TException {
        TMessage message = protocol.readMessageBegin();
        if (message.type == TMessageType.EXCEPTION) {
            TApplicationException failure = TApplicationException.readFrom(protocol);
            protocol.readMessageEnd();
            throw failure;
        }
        if (message.seqid != seqid) {
            throw new TApplicationException(
                    TApplicationException.BAD_SEQUENCE_ID, "seqid " + message.seqid + " (expected: " + seqid + ")");
        }
        Object value = null;
        boolean declared = false;
        protocol.readStructBegin();
        for (TField field = protocol.readFieldBegin(); field.type != TType.STOP; field = protocol.readFieldBegin()) {
            if (field.id == 0 && field.type == type) {
                value = type == TType.BOOL ? (Object) protocol.readBool() : UserWire.readUser(protocol);
            } else {
                declared |= field.id == 1;
                TProtocolUtil.skip(protocol, field.type);
            }
            protocol.readFieldEnd();
        }
        protocol.readStructEnd();
        protocol.readMessageEnd();
        if (value == null) {
            throw new TApplicationException(
                    TApplicationException.MISSING_RESULT,
                    message.name + (declared ? " failed with the service's declared exception" : ": no result"));
        }
        return value;
    }

    @Override
    public void close() {
        transport.close();
    }
}

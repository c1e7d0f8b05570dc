package io.courier.bench.thrift;

import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;

/**
 * libthrift's side of {@link ThriftUserService}: what a generated {@code Processor} does for the two calls (read the
 * argument struct, call the service, write a REPLY whose field 0 is the answer), written by hand. An unknown method
 * is answered with {@code TApplicationException} {@code UNKNOWN_METHOD}, as generated code answers it.
 */
final class UserProcessor implements TProcessor {

    private static final TStruct RESULT = new TStruct("result");

    private final ThriftUserService service;

    UserProcessor(ThriftUserService service) {
        this.service = service;
    }

    @Override
    public void process(TProtocol in, TProtocol out) throws TException {
        TMessage call = in.readMessageBegin();
        switch (call.name) {
            case "existUser" -> {
                String email = (String) UserWire.readArgs(in, TType.STRING);
                in.readMessageEnd();
                boolean exists = service.existUser(email);
                reply(out, call, TType.BOOL, () -> out.writeBool(exists));
            }
            case "getUser" -> {
                Long id = (Long) UserWire.readArgs(in, TType.I64);
                in.readMessageEnd();
                ThriftUser user = service.getUser(id == null ? 0 : id);
                reply(out, call, TType.STRUCT, () -> UserWire.writeUser(out, user));
            }
            default -> {
                TProtocolUtil.skip(in, TType.STRUCT);
                in.readMessageEnd();
                out.writeMessageBegin(new TMessage(call.name, TMessageType.EXCEPTION, call.seqid));
                new TApplicationException(
                                TApplicationException.UNKNOWN_METHOD, "Invalid method name: '" + call.name + "'")
                        .write(out);
                out.writeMessageEnd();
                out.getTransport().flush();
            }
        }
    }

    private static void reply(TProtocol out, TMessage call, byte type, Value value) throws TException {
        out.writeMessageBegin(new TMessage(call.name, TMessageType.REPLY, call.seqid));
        out.writeStructBegin(RESULT);
        out.writeFieldBegin(new TField("success", type, (short) 0));
        value.write();
        out.writeFieldEnd();
        out.writeFieldStop();
        out.writeStructEnd();
        out.writeMessageEnd();
        out.getTransport().flush();
    }

    /** Writes a result's value. */
    @FunctionalInterface
    private interface Value {
        void write() throws TException;
    }
}

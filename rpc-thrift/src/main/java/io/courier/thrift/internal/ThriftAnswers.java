package io.courier.thrift.internal;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.thrift.internal.schema.MethodShape;
import io.courier.thrift.internal.schema.ServiceShape;
import io.courier.thrift.internal.schema.ValueWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;

/**
 * Writes the frames a Thrift caller reads: a function's result struct (field 0 its value, field 1 the
 * declared {@code CourierError}), or Thrift's own {@code TApplicationException} for a message that named
 * no function this port serves or could not be read, as stock Thrift servers answer those.
 */
final class ThriftAnswers {

    private ThriftAnswers() {}

    /** The reply to a call that ran: its value, or the service's own exception as {@code CourierError}. */
    static ByteBuf result(ByteBufAllocator alloc, ThriftWire wire, MethodShape method, int seqid, RpcResult result) {
        if (result.hasException()) {
            Throwable thrown = result.exception();
            return error(
                    alloc,
                    wire,
                    method,
                    seqid,
                    new Error(
                            "APPLICATION",
                            0,
                            thrown.getMessage(),
                            thrown.getClass().getName(),
                            false));
        }
        ThriftWire.Out out = null;
        try {
            out = wire.writer(alloc);
            TProtocol protocol = out.protocol();
            protocol.writeMessageBegin(new TMessage(method.name(), TMessageType.REPLY, seqid));
            ValueWriter.writeResult(protocol, method.name() + "_result", method.result(), result.value());
            protocol.writeMessageEnd();
            return out.finish();
        } catch (TException | RuntimeException e) {
            if (out != null) {
                out.buffer().release();
            }
            return application(
                    alloc,
                    wire,
                    method.name(),
                    seqid,
                    TApplicationException.INTERNAL_ERROR,
                    "the provider could not write its answer: " + e.getMessage());
        }
    }

    /** The reply to a call Courier refused or failed: {@code CourierError} with the failure's code. */
    static ByteBuf failure(
            ByteBufAllocator alloc, ThriftWire wire, MethodShape method, int seqid, RpcException failure) {
        ErrorCode code = failure.code();
        return error(
                alloc,
                wire,
                method,
                seqid,
                new Error(code.name(), code.code(), failure.getMessage(), "", failure.notExecuted()));
    }

    private record Error(String code, int number, String message, String exceptionClass, boolean notExecuted) {}

    private static ByteBuf error(ByteBufAllocator alloc, ThriftWire wire, MethodShape method, int seqid, Error error) {
        ThriftWire.Out out = null;
        try {
            out = wire.writer(alloc);
            TProtocol protocol = out.protocol();
            protocol.writeMessageBegin(new TMessage(method.name(), TMessageType.REPLY, seqid));
            protocol.writeStructBegin(new TStruct(method.name() + "_result"));
            protocol.writeFieldBegin(new TField("error", TType.STRUCT, (short) 1));
            protocol.writeStructBegin(new TStruct(ServiceShape.ERROR));
            string(protocol, "code", 1, error.code());
            protocol.writeFieldBegin(new TField("number", TType.I32, (short) 2));
            protocol.writeI32(error.number());
            protocol.writeFieldEnd();
            string(protocol, "message", 3, error.message() == null ? "" : error.message());
            string(protocol, "exceptionClass", 4, error.exceptionClass());
            protocol.writeFieldBegin(new TField("notExecuted", TType.BOOL, (short) 5));
            protocol.writeBool(error.notExecuted());
            protocol.writeFieldEnd();
            protocol.writeFieldStop();
            protocol.writeStructEnd();
            protocol.writeFieldEnd();
            protocol.writeFieldStop();
            protocol.writeStructEnd();
            protocol.writeMessageEnd();
            return out.finish();
        } catch (TException | RuntimeException e) {
            if (out != null) {
                out.buffer().release();
            }
            throw new IllegalStateException("CourierError could not be written: " + e, e);
        }
    }

    private static void string(TProtocol protocol, String name, int id, String value) throws TException {
        protocol.writeFieldBegin(new TField(name, TType.STRING, (short) id));
        protocol.writeString(value);
        protocol.writeFieldEnd();
    }

    /** Thrift's own exception: an unknown function, a message of the wrong type, one that could not be read. */
    static ByteBuf application(
            ByteBufAllocator alloc, ThriftWire wire, String name, int seqid, int type, String message) {
        ThriftWire.Out out = null;
        try {
            out = wire.writer(alloc);
            TProtocol protocol = out.protocol();
            protocol.writeMessageBegin(new TMessage(name, TMessageType.EXCEPTION, seqid));
            new TApplicationException(type, message).write(protocol);
            protocol.writeMessageEnd();
            return out.finish();
        } catch (TException | RuntimeException e) {
            if (out != null) {
                out.buffer().release();
            }
            throw new IllegalStateException("TApplicationException could not be written: " + e, e);
        }
    }
}

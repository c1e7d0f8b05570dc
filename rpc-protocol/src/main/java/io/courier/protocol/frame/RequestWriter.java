package io.courier.protocol.frame;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.internal.BufferOutputStream;
import io.courier.protocol.internal.Header;
import io.netty.buffer.ByteBuf;

/**
 * Writes a request frame.
 *
 * <pre>
 * header | service key (string) | method descriptor (string) | attachments | arguments (serializer)
 * </pre>
 */
final class RequestWriter {

    /** Service keys and method descriptors repeat on every call: encoded once each. */
    private static final EncodedHeads HEADS = new EncodedHeads();

    private RequestWriter() {}

    static void write(ByteBuf out, OutboundRequest request, ProtocolOptions options) {
        Invocation invocation = request.invocation();
        Serializer serializer = request.serializer();
        int start =
                Header.start(out, serializer.id(), request.oneway() ? Header.FLAG_ONEWAY : 0, 0, request.requestId());
        writeBody(out, invocation, serializer, options);
        Header.finish(out, start);
    }

    /** The body after the header: also the tail of a stream's open frame. */
    static void writeBody(ByteBuf out, Invocation invocation, Serializer serializer, ProtocolOptions options) {
        MethodDescriptor method = invocation.method();
        HEADS.write(out, invocation.serviceKey(), method);
        AttachmentCodec.write(out, invocation.attachments(), options);
        Serializer.ValueWriter writer = serializer.writer(new BufferOutputStream(out));
        int argument = 0;
        try {
            for (; argument < invocation.argumentCount(); argument++) {
                if (argument == method.streamParameter()) {
                    // A stream's messages follow in frames of their own.
                    continue;
                }
                writer.write(invocation.argument(argument), method.genericParameterType(argument));
            }
            writer.flush();
        } catch (IndexOutOfBoundsException e) {
            throw tooLarge(options);
        } catch (RpcException e) {
            throw e;
        } catch (Exception e) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    true,
                    "argument " + argument + " of " + method.descriptor() + " could not be written ("
                            + e.getClass().getName() + ")",
                    e);
        }
    }

    /** The outgoing buffer is capped at the header plus the maximum body, so overflow shows as this. */
    static RpcException tooLarge(ProtocolOptions options) {
        return new RpcException(
                ErrorCode.PAYLOAD_TOO_LARGE,
                true,
                "request body over the limit of " + options.maxFrameLength() + " bytes (maxFrameLength; expected:"
                        + " smaller arguments, or a larger " + ProtocolOptions.MAX_FRAME_LENGTH_KEY.name()
                        + " on both sides)",
                null);
    }
}

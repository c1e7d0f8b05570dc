package io.courier.thrift.internal;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.thrift.internal.schema.MethodShape;
import io.courier.thrift.internal.schema.ServiceShape;
import io.courier.thrift.internal.schema.ValueReader;
import io.courier.transport.PortConnection;
import io.courier.transport.ServiceExport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;

/**
 * Turns a frame into a call of the function its message names, checking on the event loop what needs no
 * work: the protocol, the message header, its type ({@code CALL} or {@code ONEWAY}), the service and the
 * function. A function is named {@code Service:function} (Thrift's multiplexed protocol) or, when only
 * one served service has it, {@code function} alone. The arguments are read later, on the provider path,
 * where a failure ends the call unrun.
 */
final class ThriftRequests {

    private final ThriftServices services;
    private final ValueReader reader;

    ThriftRequests(ThriftServices services, int maxDepth) {
        this.services = services;
        this.reader = new ValueReader(maxDepth);
    }

    /** A message refused before any call: Thrift's own exception, and whether the connection ends. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final transient ThriftWire wire;
        final String name;
        final int seqid;
        final int type;
        final boolean answer;

        Refusal(ThriftWire wire, TMessage message, int type, String detail, boolean answer) {
            super(detail, null, false, false);
            this.wire = wire;
            this.name = message == null ? "" : message.name;
            this.seqid = message == null ? 0 : message.seqid;
            this.type = type;
            this.answer = answer;
        }
    }

    /** A message accepted for a function: {@link #invocation} reads its arguments. */
    final class Call {
        final ThriftWire wire;
        final TMessage message;
        final ServiceExport service;
        final MethodShape method;
        private final TProtocol in;

        Call(ThriftWire wire, TMessage message, ServiceExport service, MethodShape method, TProtocol in) {
            this.wire = wire;
            this.message = message;
            this.service = service;
            this.method = method;
            this.in = in;
        }

        /** Whether the caller waits for an answer: a {@code CALL}, not a {@code ONEWAY}. */
        boolean answered() {
            return message.type == TMessageType.CALL;
        }

        /** The invocation, its arguments read; {@code BAD_REQUEST} saying why when they cannot be. */
        Invocation invocation() {
            Object[] arguments;
            try {
                arguments = (Object[]) reader.readStruct(in, method.arguments());
                in.readMessageEnd();
            } catch (TException | RuntimeException e) {
                throw new RpcException(
                        ErrorCode.BAD_REQUEST,
                        true,
                        "the arguments of " + method.name() + " could not be read: " + e.getMessage(),
                        null);
            }
            return Invocation.of(service.key(), method.method(), arguments);
        }
    }

    Call accept(PortConnection connection, ThriftFrame frame) throws Refusal {
        ThriftWire wire = ThriftWire.of(frame.message()[0]);
        if (wire == null) {
            throw new Refusal(
                    null,
                    null,
                    TApplicationException.INVALID_PROTOCOL,
                    "neither the binary nor the compact protocol",
                    false);
        }
        TProtocol in;
        TMessage message;
        try {
            in = wire.reader(frame.message());
            message = in.readMessageBegin();
        } catch (TException | RuntimeException e) {
            throw new Refusal(
                    wire,
                    null,
                    TApplicationException.PROTOCOL_ERROR,
                    "the message header could not be read: " + e.getMessage(),
                    true);
        }
        if (message.type != TMessageType.CALL && message.type != TMessageType.ONEWAY) {
            throw new Refusal(
                    wire,
                    message,
                    TApplicationException.INVALID_MESSAGE_TYPE,
                    "message type " + message.type + " (expected: 1, CALL, or 4, ONEWAY)",
                    true);
        }
        int colon = message.name.indexOf(':');
        String function = colon < 0 ? message.name : message.name.substring(colon + 1);
        ServiceExport service = colon < 0
                ? unnamed(connection, wire, message, function)
                : named(connection, wire, message, message.name.substring(0, colon));
        ServiceShape shape = services.shape(service.descriptor());
        MethodShape method = shape.method(function);
        if (method == null) {
            throw new Refusal(
                    wire,
                    message,
                    TApplicationException.UNKNOWN_METHOD,
                    "no function " + printable(function) + " in service " + shape.name(),
                    message.type == TMessageType.CALL);
        }
        return new Call(wire, message, service, method, in);
    }

    private ServiceExport named(PortConnection connection, ThriftWire wire, TMessage message, String name)
            throws Refusal {
        Set<String> keys = services.keys(name);
        if (keys.size() > 1) {
            throw new Refusal(
                    wire,
                    message,
                    TApplicationException.UNKNOWN_METHOD,
                    "service " + printable(name) + " is exported as " + keys
                            + " (expected: one export per Thrift service name)",
                    answers(message));
        }
        ServiceExport service = keys.isEmpty()
                ? null
                : connection.services().find(keys.iterator().next());
        if (service == null) {
            throw new Refusal(
                    wire,
                    message,
                    TApplicationException.UNKNOWN_METHOD,
                    "no service " + printable(name) + " on this port",
                    answers(message));
        }
        return service;
    }

    private ServiceExport unnamed(PortConnection connection, ThriftWire wire, TMessage message, String function)
            throws Refusal {
        List<String> having = new ArrayList<>();
        ServiceExport found = null;
        for (Map.Entry<String, Set<String>> entry : services.all()) {
            for (String key : entry.getValue()) {
                ServiceExport service = connection.services().find(key);
                if (service != null && services.shape(service.descriptor()).method(function) != null) {
                    having.add(entry.getKey());
                    found = service;
                }
            }
        }
        if (having.size() == 1) {
            return found;
        }
        String detail = having.isEmpty()
                ? "no function " + printable(function) + " on this port"
                : "function " + printable(function) + " is in services " + having
                        + " (expected: the service named, Service:function, as Thrift's TMultiplexedProtocol sends)";
        throw new Refusal(wire, message, TApplicationException.UNKNOWN_METHOD, detail, answers(message));
    }

    private static boolean answers(TMessage message) {
        return message.type == TMessageType.CALL;
    }

    /** Untrusted text for a message: at most 64 characters, controls replaced. */
    static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}

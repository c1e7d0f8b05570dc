package io.courier.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.bootstrap.Courier;
import java.util.List;
import java.util.Map;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.layered.TFramedTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hostile Thrift table on the provider's port: each frame is refused with Thrift's own exception
 * saying why (or, where nothing can be answered, the connection closed), and nothing runs (the service
 * counts its calls). Afterwards Courier's protocol, gRPC and Thrift still serve on the same port. Netty's
 * leak detector watches at PARANOID.
 */
@Timeout(60)
class ThriftHostileTest {

    private static final int MAX_FRAME = 4096;
    private static final int MAX_DEPTH = 16;

    private static AccountsService accounts;
    private static Courier provider;

    @BeforeAll
    static void start() {
        accounts = new AccountsService();
        provider = Courier.builder()
                .application("thrift-hostile")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .property("courier.thrift.max-frame-bytes", Integer.toString(MAX_FRAME))
                .property("courier.thrift.max-depth", Integer.toString(MAX_DEPTH))
                .property("courier.thrift.frame-deadline-millis", "500")
                .export(accounts)
                .start();
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    /** A frame, what Thrift's exception must say, and whether the server then closes the connection. */
    record Row(String what, byte[] bytes, int type, String detail, boolean closes) {}

    @Test
    void everyRowIsRefused_nothingRuns_andThePortStillServesEveryProtocol() throws Exception {
        byte[] deposit = call("deposit", TMessageType.CALL, p -> i64Fields(p, 1L, 2L));
        List<Row> table = List.of(
                new Row(
                        "a frame of length 0",
                        RawThrift.frame(0, deposit),
                        TApplicationException.PROTOCOL_ERROR,
                        "a frame of 0 bytes (expected: 1 to 4096, courier.thrift.max-frame-bytes)",
                        true),
                new Row(
                        "a negative frame length",
                        RawThrift.frame(-7, deposit),
                        TApplicationException.PROTOCOL_ERROR,
                        "a frame of -7 bytes",
                        true),
                new Row(
                        "a frame shorter than its message",
                        RawThrift.frame(10, deposit),
                        TApplicationException.PROTOCOL_ERROR,
                        "the message header could not be read",
                        true),
                new Row(
                        "a length over the limit",
                        RawThrift.frame(MAX_FRAME + 1, deposit),
                        TApplicationException.PROTOCOL_ERROR,
                        "a frame of 4097 bytes",
                        true),
                new Row(
                        "an unknown message type",
                        RawThrift.frame(call("deposit", (byte) 7, p -> i64Fields(p, 1L, 2L))),
                        TApplicationException.INVALID_MESSAGE_TYPE,
                        "message type 7 (expected: 1, CALL, or 4, ONEWAY)",
                        false),
                new Row(
                        "deep nesting in a known field",
                        RawThrift.frame(call("depth", TMessageType.CALL, p -> nodeField(p, (short) 1, 40))),
                        TApplicationException.PROTOCOL_ERROR,
                        "nested deeper than 16 (courier.thrift.max-depth)",
                        false),
                new Row(
                        "deep nesting in an unknown field",
                        RawThrift.frame(call("deposit", TMessageType.CALL, p -> nodeField(p, (short) 99, 40))),
                        TApplicationException.PROTOCOL_ERROR,
                        "the arguments of deposit could not be read",
                        false),
                new Row(
                        "a string longer than the frame",
                        RawThrift.frame(call("open", TMessageType.CALL, p -> {
                            p.writeStructBegin(new TStruct("open_args"));
                            p.writeFieldBegin(new TField("owner", TType.STRING, (short) 1));
                            p.writeI32(100_000); // the string's length, and then 3 bytes of it
                            p.writeByte((byte) 'a');
                            p.writeI16((short) 0);
                        })),
                        TApplicationException.PROTOCOL_ERROR,
                        "the arguments of open could not be read",
                        false),
                new Row(
                        "a function name longer than the frame",
                        RawThrift.frame(new byte[] {(byte) 0x80, 1, 0, 1, 0, 0, 3, (byte) 0xe8, 'd', 'e'}),
                        TApplicationException.PROTOCOL_ERROR,
                        "the message header could not be read",
                        true),
                new Row(
                        "a function that does not exist",
                        RawThrift.frame(call("withdraw", TMessageType.CALL, p -> i64Fields(p, 1L, 2L))),
                        TApplicationException.UNKNOWN_METHOD,
                        "no function 'withdraw' on this port",
                        false),
                new Row(
                        "a service that does not exist",
                        RawThrift.frame(call("Vault:deposit", TMessageType.CALL, p -> i64Fields(p, 1L, 2L))),
                        TApplicationException.UNKNOWN_METHOD,
                        "no service 'Vault' on this port",
                        false),
                new Row(
                        "a method left out of the IDL (an overload)",
                        RawThrift.frame(call("deposit(long,short)", TMessageType.CALL, p -> i64Fields(p, 1L, 2L))),
                        TApplicationException.UNKNOWN_METHOD,
                        "no function 'deposit(long,short)' on this port",
                        false));
        for (Row row : table) {
            try (RawThrift raw = new RawThrift(provider.port())) {
                raw.send(row.bytes());
                TApplicationException refusal = raw.readException();
                assertThat(refusal.getType()).as(row.what()).isEqualTo(row.type());
                assertThat(refusal.getMessage()).as(row.what()).contains(row.detail());
                if (row.closes()) {
                    assertThat(raw.closedByServer()).as(row.what() + ": closed").isTrue();
                }
            }
        }
        try (RawThrift raw = new RawThrift(provider.port())) {
            raw.send(RawThrift.frame(100, deposit)); // the rest of the frame never comes
            assertThat(raw.closedByServer()).as("closed at the frame deadline").isTrue();
        }
        assertThat(accounts.executed).as("calls that ran").hasValue(0);

        assertThat(courierAndGrpcCounts()).containsExactly(Map.of(), Map.of());
        try (TFramedTransport transport = new TFramedTransport(new TSocket("127.0.0.1", provider.port()))) {
            transport.open();
            TProtocol protocol = new TBinaryProtocol(transport);
            protocol.writeMessageBegin(new TMessage("counts", TMessageType.CALL, 9));
            protocol.writeStructBegin(new TStruct("counts_args"));
            protocol.writeFieldStop();
            protocol.writeStructEnd();
            protocol.writeMessageEnd();
            transport.flush();
            TMessage answer = protocol.readMessageBegin();
            assertThat(answer.type).isEqualTo(TMessageType.REPLY);
            assertThat(answer.seqid).isEqualTo(9);
        }
        assertThat(accounts.executed).as("the three calls after the table").hasValue(3);
    }

    /** {@code counts()} from a Courier consumer and from a gRPC one, on the port the table was sent to. */
    private static List<Map<String, Integer>> courierAndGrpcCounts() {
        String key = "courier.service." + Accounts.class.getName() + ".url";
        try (Courier courier = Courier.builder()
                        .application("thrift-hostile-courier")
                        .shutdownHook(false)
                        .property(key, "courier://127.0.0.1:" + provider.port())
                        .start();
                Courier grpc = Courier.builder()
                        .application("thrift-hostile-grpc")
                        .shutdownHook(false)
                        .property(key, "grpc://127.0.0.1:" + provider.port())
                        .start()) {
            return List.of(
                    courier.reference(Accounts.class).counts(),
                    grpc.reference(Accounts.class).counts());
        }
    }

    private static byte[] call(String name, byte type, RawThrift.Body arguments) throws TException {
        return RawThrift.message(p -> {
            p.writeMessageBegin(new TMessage(name, type, 1));
            arguments.write(p);
            p.writeMessageEnd();
        });
    }

    private static void i64Fields(TProtocol p, long first, long second) throws TException {
        p.writeStructBegin(new TStruct("args"));
        p.writeFieldBegin(new TField("id", TType.I64, (short) 1));
        p.writeI64(first);
        p.writeFieldEnd();
        p.writeFieldBegin(new TField("cents", TType.I64, (short) 2));
        p.writeI64(second);
        p.writeFieldEnd();
        p.writeFieldStop();
        p.writeStructEnd();
    }

    /** Arguments whose field {@code id} is a chain of {@code depth} nodes, each in the one before. */
    private static void nodeField(TProtocol p, short id, int depth) throws TException {
        p.writeStructBegin(new TStruct("args"));
        p.writeFieldBegin(new TField("node", TType.STRUCT, id));
        for (int i = 0; i < depth; i++) {
            p.writeStructBegin(new TStruct("Node"));
            p.writeFieldBegin(new TField("child", TType.STRUCT, (short) 2));
        }
        p.writeFieldStop(); // the innermost node is empty
        for (int i = 0; i < depth; i++) {
            p.writeFieldStop();
        }
        p.writeFieldStop();
        p.writeStructEnd();
    }
}

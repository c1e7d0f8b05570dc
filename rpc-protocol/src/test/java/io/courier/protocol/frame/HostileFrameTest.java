package io.courier.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ErrorCode;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.Bytes;
import io.courier.protocol.CountingSerializer;
import io.courier.protocol.ExportedService;
import io.courier.protocol.GadgetBytes;
import io.courier.protocol.ProtocolException;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.SerializerContractTest;
import io.courier.protocol.ServerStandIn;
import io.courier.protocol.gadget.Decoy;
import io.courier.protocol.internal.Header;
import io.courier.protocol.model.ModelService;
import io.courier.protocol.serialization.HessianSerializer;
import io.courier.protocol.serialization.ProtostuffSerializer;
import io.courier.protocol.serialization.Serializers;
import io.courier.protocol.testing.SuiteSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile bytes against a server pipeline (encoder, decoder, a transport stand-in). Each case
 * states the exact error, whether the connection closes, and what answer the peer gets; every case
 * also checks that nothing reached the service, that no serializer ran, and that the input buffer
 * was released. The cases run with the service accepting protostuff, and again for every {@link
 * SuiteSerializer} of a module that runs this suite from the test-jar.
 */
class HostileFrameTest {

    static final ServiceKey KEY = ServiceKey.of(ModelService.class);
    static final String ANYTHING = "anything(java.lang.Object)";
    static final int MAX = ProtocolOptions.DEFAULT_MAX_FRAME_LENGTH;
    static final int REQUEST = 0;
    static final int RESPONSE = Header.FLAG_RESPONSE;
    static final int ONEWAY = Header.FLAG_ONEWAY;
    static final int HEARTBEAT = Header.FLAG_HEARTBEAT;
    static final int EVENT = Header.FLAG_EVENT;
    static final int P = ProtostuffSerializer.ID;
    static final int H = HessianSerializer.ID;

    /** Where the failure surfaces: the decoder (a ProtocolException) or the body decoder. */
    enum Stage {
        DECODER,
        BODY,
        DROPPED
    }

    /**
     * @param answer the status of the error response the peer receives, or -1 for none
     */
    record Case(String name, byte[] bytes, Stage stage, ErrorCode code, String message, boolean fatal, int answer) {
        @Override
        public String toString() {
            return name;
        }
    }

    static byte[] gadgetArgument(Serializer serializer) {
        return GadgetBytes.renamed(
                serializer, new Decoy(), Object.class, Decoy.class.getName(), "com.sun.rowset.JdbcRowSetImpl");
    }

    /** A request in header id {@code serializer} whose argument is a gadget as {@code writer} writes values. */
    static byte[] request(
            Serializer writer, int serializer, String service, String method, Map<String, String> attachments) {
        return Bytes.frame(
                serializer, REQUEST, 0, 77, Bytes.requestBody(service, method, attachments, gadgetArgument(writer)));
    }

    /**
     * The serializers the service accepts in turn: protostuff, then every {@link SuiteSerializer} of a
     * module running this suite from the test-jar (bound to the service).
     */
    static List<Serializer> primaries() {
        List<Serializer> primaries = new ArrayList<>();
        primaries.add(new ProtostuffSerializer());
        for (SuiteSerializer extra : SuiteSerializer.installed()) {
            primaries.add(extra.bound(ServiceDescriptor.of(ModelService.class), SerializerContractTest.POLICY));
        }
        return primaries;
    }

    /** Every case once per primary serializer; protostuff's cases are named as before. */
    static Stream<Arguments> cases() {
        return primaries().stream().flatMap(primary -> cases(primary)
                .map(c -> Arguments.of(
                        Named.of(primary.id() == P ? c.name() : c.name() + " [serializer " + primary.id() + "]", c),
                        primary)));
    }

    static Map<String, String> attachments(int count, int valueLength) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < count; i++) {
            map.put("k" + i, "v".repeat(valueLength));
        }
        return map;
    }

    static Stream<Case> cases(Serializer primary) {
        int p = primary.id();
        String installed = p == P ? "1, 2" : "1, 2, " + p;
        byte[] random = new byte[64];
        new Random(20240601).nextBytes(random);
        random[0] = (byte) 0x3A;
        byte[] clientHello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xFC, 0x03, 0x03, 0, 0, 0, 0, 0, 0
        };
        byte[] dubbo = {(byte) 0xDA, (byte) 0xBB, (byte) 0xC2, 0x00, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0};
        String key = KEY.toString();
        List<Case> cases = new ArrayList<>(List.of(
                fatalNoId("random bytes", random, "bad magic 0x3a at stream offset 0 (expected: 0xc7)"),
                fatalNoId(
                        "HTTP GET",
                        Bytes.ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
                        "bad magic 0x47 at stream offset 0 (expected: 0xc7)"),
                fatalNoId("TLS ClientHello", clientHello, "bad magic 0x16 at stream offset 0 (expected: 0xc7)"),
                fatalNoId("Dubbo 0xdabb", dubbo, "bad magic 0xda at stream offset 0 (expected: 0xc7)"),
                fatalNoId(
                        "version 2",
                        Bytes.header(Header.MAGIC, 2, p, REQUEST, 0, 77, 10),
                        "unsupported protocol version 2 at stream offset 0 (supported: 1)"),
                fatalNoId(
                        "version 0",
                        Bytes.header(Header.MAGIC, 0, p, REQUEST, 0, 77, 10),
                        "unsupported protocol version 0 at stream offset 0 (supported: 1)"),
                fatalNoId(
                        "version 7",
                        Bytes.header(Header.MAGIC, 7, p, REQUEST, 0, 77, 10),
                        "unsupported protocol version 7 at stream offset 0 (supported: 1)"),
                fatal(
                        "reserved flag 0x01",
                        Bytes.header(p, 0x01, 0, 77, 10),
                        ErrorCode.BAD_REQUEST,
                        "reserved flag bits 0x1 set in frame at stream offset 0",
                        11),
                fatal(
                        "reserved flag 0x04 on a response",
                        Bytes.header(p, RESPONSE | 0x04, 0, 77, 10),
                        ErrorCode.BAD_REQUEST,
                        "reserved flag bits 0x4 set in frame at stream offset 0",
                        -1),
                fatal(
                        "response and oneway",
                        Bytes.header(p, RESPONSE | ONEWAY, 0, 77, 10),
                        ErrorCode.BAD_REQUEST,
                        "flags 0xc0 (a response is never oneway) in frame at stream offset 0",
                        -1),
                fatal(
                        "heartbeat and event",
                        Bytes.header(0, HEARTBEAT | EVENT, 0, 77, 0),
                        ErrorCode.BAD_REQUEST,
                        "flags 0x30 (a heartbeat is neither oneway nor an event) in frame at stream offset 0",
                        -1),
                fatal(
                        "request with a status",
                        Bytes.header(p, REQUEST, 5, 77, 10),
                        ErrorCode.BAD_REQUEST,
                        "request with status 5 (expected: 0) in frame at stream offset 0",
                        11),
                fatal(
                        "unknown serializer id",
                        Bytes.header(17, REQUEST, 0, 77, 10),
                        ErrorCode.BAD_REQUEST,
                        "unknown serializer id 17 (installed: " + installed + ") in frame at stream offset 0",
                        11),
                fatal(
                        "serializer id 0 on a request",
                        Bytes.header(0, REQUEST, 0, 77, 10),
                        ErrorCode.BAD_REQUEST,
                        "unknown serializer id 0 (installed: " + installed + ") in frame at stream offset 0",
                        11),
                new Case(
                        "body length 0",
                        Bytes.header(p, REQUEST, 0, 77, 0),
                        Stage.DECODER,
                        ErrorCode.BAD_REQUEST,
                        "request with an empty body in frame at stream offset 0",
                        false,
                        11),
                tooLarge(p, "body length max+1", MAX + 1L),
                tooLarge(p, "body length 0xFFFFFFFF", 0xFFFF_FFFFL),
                tooLarge(p, "body length 0x80000000", 0x8000_0000L),
                tooLarge(p, "body length overflowing int with the header", Integer.MAX_VALUE - Header.LENGTH + 1L),
                tooLarge(p, "body length Integer.MAX_VALUE", Integer.MAX_VALUE),
                fatal(
                        "heartbeat with a 1 MiB body",
                        Bytes.header(0, HEARTBEAT, 0, 77, 1 << 20),
                        ErrorCode.BAD_REQUEST,
                        "heartbeat body length 1048576 (expected: 0) in frame at stream offset 0",
                        -1),
                fatal(
                        "heartbeat with a 1-byte body",
                        Bytes.concat(Bytes.header(0, HEARTBEAT, 0, 77, 1), new byte[1]),
                        ErrorCode.BAD_REQUEST,
                        "heartbeat body length 1 (expected: 0) in frame at stream offset 0",
                        -1),
                fatal(
                        "event with a 64 KiB body",
                        Bytes.header(0, EVENT | ONEWAY, 0, 0, 1 << 16),
                        ErrorCode.BAD_REQUEST,
                        "event body length 65536 (expected: 1 to 64) in frame at stream offset 0",
                        -1),
                new Case(
                        "serializer the service does not accept",
                        request(primary, H, key, ANYTHING, Map.of()),
                        Stage.BODY,
                        ErrorCode.BAD_REQUEST,
                        "serializer id 2 is not accepted by service 'io.courier.protocol.model.ModelService'",
                        false,
                        11),
                new Case(
                        "unknown service with gadget arguments",
                        request(primary, p, "com.evil.Shell", ANYTHING, Map.of()),
                        Stage.BODY,
                        ErrorCode.BAD_REQUEST,
                        "unknown service 'com.evil.Shell'",
                        false,
                        11),
                new Case(
                        "unknown method with gadget arguments",
                        request(primary, p, key, "exec(java.lang.String)", Map.of()),
                        Stage.BODY,
                        ErrorCode.BAD_REQUEST,
                        "unknown method 'exec(java.lang.String)' of service 'io.courier.protocol.model.ModelService'",
                        false,
                        11),
                new Case(
                        "65 attachments",
                        request(primary, p, key, ANYTHING, attachments(65, 1)),
                        Stage.BODY,
                        ErrorCode.BAD_REQUEST,
                        "attachment count 65 over the limit of 64 at body offset 66",
                        false,
                        11),
                new Case(
                        "attachments over 16 KiB",
                        request(primary, p, key, ANYTHING, attachments(2, 9000)),
                        Stage.BODY,
                        ErrorCode.BAD_REQUEST,
                        "attachments over the limit of 16384 bytes at body offset ",
                        false,
                        11),
                new Case(
                        "response with an unknown request id",
                        Bytes.frame(p, RESPONSE, 0, 4242, Bytes.concat(new byte[] {0, 0}, gadgetArgument(primary))),
                        Stage.DROPPED,
                        null,
                        null,
                        false,
                        -1)));
        return cases.stream();
    }

    static Case fatalNoId(String name, byte[] bytes, String message) {
        return new Case(name, bytes, Stage.DECODER, ErrorCode.BAD_REQUEST, message, true, -1);
    }

    static Case fatal(String name, byte[] bytes, ErrorCode code, String message, int answer) {
        return new Case(name, bytes, Stage.DECODER, code, message, true, answer);
    }

    /**
     * A request over the limit: refused and its body dropped as it comes (the connection stays) up to
     * the discard limit; beyond it the connection closes.
     */
    static Case tooLarge(int p, String name, long length) {
        boolean discarded = length <= FrameDecoder.MIN_DISCARD_LIMIT;
        return new Case(
                name,
                Bytes.header(p, REQUEST, 0, 77, length),
                Stage.DECODER,
                ErrorCode.PAYLOAD_TOO_LARGE,
                "body length " + length + " over the limit of " + MAX
                        + (discarded
                                ? " in frame at stream offset 0; not executed"
                                : " (and over " + FrameDecoder.MIN_DISCARD_LIMIT
                                        + ", the most this side reads past) in frame at stream offset 0"),
                !discarded,
                12);
    }

    /**
     * A server pipeline whose one service accepts one serializer only: protostuff, or a suite
     * serializer installed beside protostuff and hessian.
     */
    static final class Server {
        final CountingSerializer protostuff = new CountingSerializer(new ProtostuffSerializer());
        final CountingSerializer hessian = new CountingSerializer(new HessianSerializer());
        final CountingSerializer extra;
        final Serializers serializers;
        final ProtocolOptions options;
        final ExportedService service;
        final ServerStandIn standIn;
        final EmbeddedChannel channel;

        Server(ProtocolOptions options) {
            this(options, new ProtostuffSerializer());
        }

        Server(ProtocolOptions options, Serializer primary) {
            this.options = options;
            this.extra = primary.id() == P ? null : new CountingSerializer(primary);
            this.serializers =
                    extra == null ? Serializers.of(protostuff, hessian) : Serializers.of(protostuff, hessian, extra);
            this.service = ExportedService.of(
                    KEY,
                    ServiceDescriptor.of(ModelService.class),
                    List.of(extra == null ? protostuff : extra),
                    SerializerContractTest.POLICY);
            this.standIn = new ServerStandIn(
                    new BodyDecoder(options, serializers), k -> k.equals(KEY.toString()) ? service : null, serializers);
            this.channel =
                    new EmbeddedChannel(new FrameEncoder(options), new FrameDecoder(options, serializers), standIn);
        }

        int serializerReads() {
            return protostuff.readers.get() + hessian.readers.get() + (extra == null ? 0 : extra.readers.get());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileFrame_isRefusedExactly(Case c, Serializer primary) {
        Server server = new Server(ProtocolOptions.defaults(), primary);
        ByteBuf input = Unpooled.wrappedBuffer(c.bytes());
        try {
            server.channel.writeInbound(input);

            assertThat(input.refCnt()).as("input released").isZero();
            assertThat(server.standIn.delivered).as("reached the service").isEmpty();
            assertThat(server.standIn.unexpected).isEmpty();
            assertThat(server.serializerReads()).as("serializer sessions").isZero();
            switch (c.stage()) {
                case DECODER ->
                    assertThat(server.standIn.pipelineErrors)
                            .singleElement()
                            .isInstanceOfSatisfying(ProtocolException.class, e -> {
                                assertThat(e.code()).isEqualTo(c.code());
                                assertThat(e.getMessage()).isEqualTo(c.message());
                                assertThat(e.fatal()).isEqualTo(c.fatal());
                            });
                case BODY ->
                    assertThat(server.standIn.bodyErrors).singleElement().satisfies(e -> {
                        assertThat(e.code()).isEqualTo(c.code());
                        assertThat(e.getMessage()).startsWith(c.message());
                        assertThat(e.notExecuted()).isTrue();
                    });
                case DROPPED -> assertThat(server.standIn.dropped).isEqualTo(1);
            }
            assertThat(server.channel.isOpen()).as("open").isEqualTo(!c.fatal());
            assertAnswer(server.channel, c.answer());
        } finally {
            server.channel.finishAndReleaseAll();
        }
    }

    private static void assertAnswer(EmbeddedChannel channel, int status) {
        ByteBuf answer = channel.readOutbound();
        if (status < 0) {
            assertThat(answer).as("no answer").isNull();
            return;
        }
        try {
            assertThat(answer.getUnsignedByte(Header.MAGIC_OFFSET)).isEqualTo((short) Header.MAGIC);
            assertThat((int) answer.getUnsignedByte(Header.FLAGS_OFFSET)).isEqualTo(Header.FLAG_RESPONSE);
            assertThat((int) answer.getUnsignedByte(Header.STATUS_OFFSET)).isEqualTo(status);
            assertThat(answer.getLong(Header.REQUEST_ID_OFFSET)).isEqualTo(77);
        } finally {
            answer.release();
        }
        Object more = channel.readOutbound();
        assertThat(more).isNull();
    }

    @Test
    void headerCutAtEveryOffset_waitsThenReportsTheTruncationAtClose() {
        byte[] frame = request(new ProtostuffSerializer(), P, KEY.toString(), ANYTHING, Map.of());
        IntStream.range(1, Header.LENGTH).forEach(cut -> {
            Server server = new Server(ProtocolOptions.defaults());
            ByteBuf input = Unpooled.wrappedBuffer(frame, 0, cut);
            server.channel.writeInbound(input);
            assertThat(server.channel.isOpen()).isTrue();
            assertThat(server.standIn.pipelineErrors).isEmpty();
            assertThat(server.standIn.delivered).isEmpty();

            server.channel.finishAndReleaseAll();

            assertThat(input.refCnt()).isZero();
            assertThat(server.serializerReads()).isZero();
            assertThat(server.standIn.pipelineErrors)
                    .singleElement()
                    .isInstanceOfSatisfying(ProtocolException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NETWORK);
                        assertThat(e.getMessage())
                                .isEqualTo("connection closed inside a frame: " + cut
                                        + " bytes of the frame at stream offset 0");
                    });
        });
    }

    @Test
    void bodyLengthAtTheLargestLimit_waitsWithoutAllocatingTheBody() {
        ProtocolOptions largest = ProtocolOptions.builder()
                .maxFrameLength(ProtocolOptions.LARGEST_MAX_FRAME_LENGTH)
                .build();
        Server server = new Server(largest);
        try {
            server.channel.writeInbound(
                    Unpooled.wrappedBuffer(Bytes.header(P, REQUEST, 0, 77, ProtocolOptions.LARGEST_MAX_FRAME_LENGTH)));
            assertThat(server.channel.isOpen()).isTrue();
            assertThat(server.standIn.pipelineErrors).isEmpty();
        } finally {
            server.channel.finishAndReleaseAll();
        }
        Server overflow = new Server(largest);
        try {
            overflow.channel.writeInbound(Unpooled.wrappedBuffer(
                    Bytes.header(P, REQUEST, 0, 77, ProtocolOptions.LARGEST_MAX_FRAME_LENGTH + 1L)));
            assertThat(overflow.channel.isOpen())
                    .as("the body is dropped as it comes")
                    .isTrue();
            assertThat(overflow.standIn.pipelineErrors).singleElement().satisfies(e -> assertThat(e)
                    .hasMessage("body length 2147483632 over the limit of 2147483631 in frame at stream offset 0;"
                            + " not executed"));
        } finally {
            overflow.channel.finishAndReleaseAll();
        }
    }

    @Test
    void oversizedRequest_isAnsweredItsBodyDroppedAndTheNextFrameServed() {
        ProtocolOptions small = ProtocolOptions.builder().maxFrameLength(1024).build();
        Server server = new Server(small);
        byte[] body = new byte[4096];
        byte[] heartbeat = Bytes.header(0, HEARTBEAT, 0, 5, 0);
        byte[] oversized = Bytes.frame(P, REQUEST, 0, 77, body);
        try {
            // in pieces, as a socket delivers them: the answer goes out after the header alone
            server.channel.writeInbound(Unpooled.wrappedBuffer(oversized, 0, Header.LENGTH + 100));
            assertAnswer(server.channel, ErrorCode.PAYLOAD_TOO_LARGE.code());
            server.channel.writeInbound(Unpooled.wrappedBuffer(oversized, Header.LENGTH + 100, 2000));
            server.channel.writeInbound(Unpooled.wrappedBuffer(Bytes.concat(
                    java.util.Arrays.copyOfRange(oversized, Header.LENGTH + 2100, oversized.length), heartbeat)));

            assertThat(server.channel.isOpen()).isTrue();
            assertThat(server.standIn.control).containsExactly(Heartbeat.ping(5));
            assertThat(server.standIn.delivered).isEmpty();
            assertThat(server.serializerReads()).isZero();
            assertThat(server.standIn.pipelineErrors)
                    .singleElement()
                    .isInstanceOfSatisfying(ProtocolException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
                        assertThat(e.notExecuted()).isTrue();
                        assertThat(e.fatal()).isFalse();
                    });
        } finally {
            server.channel.finishAndReleaseAll();
        }
    }

    @Test
    void oversizedBodyThatStopsArriving_closesTheConnectionAfterTheDiscardTime() {
        ProtocolOptions small = ProtocolOptions.builder().maxFrameLength(1024).build();
        Server server = new Server(small);
        try {
            server.channel.writeInbound(Unpooled.wrappedBuffer(Bytes.header(P, REQUEST, 0, 77, 4096)));
            assertAnswer(server.channel, ErrorCode.PAYLOAD_TOO_LARGE.code());
            assertThat(server.channel.isOpen()).isTrue();

            server.channel.advanceTimeBy(FrameDecoder.DISCARD_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            server.channel.runScheduledPendingTasks();

            assertThat(server.channel.isOpen()).isFalse();
        } finally {
            server.channel.finishAndReleaseAll();
        }
    }

    @Test
    void framesAfterAFatalOne_areDiscarded() {
        Server server = new Server(ProtocolOptions.defaults());
        byte[] good = Bytes.concat(Bytes.header(0, HEARTBEAT, 0, 1, 0));
        server.channel.writeInbound(
                Unpooled.wrappedBuffer(Bytes.concat(good, Bytes.header(P, 0x02, 0, 77, 10), good, good)));
        assertThat(server.standIn.control).containsExactly(Heartbeat.ping(1));
        assertThat(server.standIn.pipelineErrors).hasSize(1);
        assertThat(server.channel.isOpen()).isFalse();
        server.channel.finishAndReleaseAll();
    }
}

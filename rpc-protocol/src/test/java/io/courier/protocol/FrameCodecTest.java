package io.courier.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.protocol.frame.BodyDecoder;
import io.courier.protocol.frame.CancelRequest;
import io.courier.protocol.frame.FrameDecoder;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.protocol.frame.GoingAway;
import io.courier.protocol.frame.Heartbeat;
import io.courier.protocol.frame.InboundRequest;
import io.courier.protocol.frame.InboundResponse;
import io.courier.protocol.frame.OutboundRequest;
import io.courier.protocol.frame.OutboundResponse;
import io.courier.protocol.internal.Header;
import io.courier.protocol.serialization.Serializers;
import io.courier.protocol.testing.OpenPolicy;
import io.courier.protocol.testing.TestSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    private static final ServiceDescriptor GREETER = ServiceDescriptor.of(Greeter.class);
    private static final ServiceKey KEY = ServiceKey.of("g", Greeter.class, "1.0");

    private final TestSerializer serializer = TestSerializer.INSTANCE;
    private final Serializers serializers = Serializers.of(serializer);
    private final ProtocolOptions options = ProtocolOptions.defaults();
    private final FrameEncoder encoder = new FrameEncoder(options);
    private final BodyDecoder bodies = new BodyDecoder(options, serializers);
    private final ExportedService service = ExportedService.of(KEY, GREETER, List.of(serializer), OpenPolicy.INSTANCE);
    private final Recorder recorder = new Recorder();
    private final EmbeddedChannel server =
            new EmbeddedChannel(new FrameEncoder(options), new FrameDecoder(options, serializers), recorder);

    @AfterEach
    void close() {
        recorder.releaseAll();
        server.finishAndReleaseAll();
    }

    @Test
    void request_roundTrips_throughHeaderAndBody() {
        Invocation call = Invocation.of(KEY, GREETER.find("greet(java.lang.String)"), new Object[] {"Zoë"})
                .withAttachment("trace", "abc");
        server.writeInbound(encoder.encode(ByteBufAllocator.DEFAULT, OutboundRequest.of(42, call, serializer)));

        InboundRequest request = (InboundRequest) recorder.frames.get(0);
        assertThat(request.requestId()).isEqualTo(42);
        assertThat(request.oneway()).isFalse();
        assertThat(request.serializerId()).isEqualTo(TestSerializer.INSTANCE.id());
        DecodedRequest<ExportedService> decoded = bodies.decodeRequest(
                request, key -> key.equals("g/" + Greeter.class.getName() + ":1.0") ? service : null);
        assertThat(decoded.service()).isSameAs(service);
        assertThat(decoded.invocation().method().descriptor()).isEqualTo("greet(java.lang.String)");
        assertThat(decoded.invocation().arguments()).containsExactly("Zoë");
        assertThat(decoded.invocation().attachments()).isEqualTo(Map.of("trace", "abc"));
        assertThat(decoded.requestId()).isEqualTo(42);
        assertThat(request.release()).isTrue();
        recorder.frames.clear();
    }

    @Test
    void requestWithABudget_isStampedWithItsReceiveTimeAndAPeersStampIsDropped() {
        long before = System.nanoTime();
        Invocation call = Invocation.of(KEY, GREETER.find("greet(java.lang.String)"), new Object[] {"x"})
                .withAttachments(Map.of(
                        InboundRequest.BUDGET_ATTACHMENT, "250", InboundRequest.RECEIVED_NANOS_ATTACHMENT, "-1"));
        Invocation unbudgeted = Invocation.of(KEY, GREETER.find("greet(java.lang.String)"), new Object[] {"x"})
                .withAttachment(InboundRequest.RECEIVED_NANOS_ATTACHMENT, "-1");
        server.writeInbound(encoder.encode(ByteBufAllocator.DEFAULT, OutboundRequest.of(1, call, serializer)));
        server.writeInbound(encoder.encode(ByteBufAllocator.DEFAULT, OutboundRequest.of(2, unbudgeted, serializer)));
        long after = System.nanoTime();

        InboundRequest budgeted = (InboundRequest) recorder.frames.get(0);
        InboundRequest plain = (InboundRequest) recorder.frames.get(1);
        Map<String, String> stamped =
                bodies.decodeRequest(budgeted, key -> service).invocation().attachments();
        Map<String, String> unstamped =
                bodies.decodeRequest(plain, key -> service).invocation().attachments();

        assertThat(budgeted.receivedNanos()).isBetween(before, after);
        assertThat(stamped)
                .containsEntry(InboundRequest.BUDGET_ATTACHMENT, "250")
                .containsEntry(InboundRequest.RECEIVED_NANOS_ATTACHMENT, Long.toString(budgeted.receivedNanos()))
                .hasSize(2);
        assertThat(unstamped).isEmpty();
        budgeted.release();
        plain.release();
        recorder.frames.clear();
    }

    @Test
    void repeatedAttachments_decodeAlike_eachStampedWithItsOwnTime_andStricterLimitsStillRefuseThem() {
        Invocation call = Invocation.of(KEY, GREETER.find("greet(java.lang.String)"), new Object[] {"x"})
                .withAttachments(Map.of(InboundRequest.BUDGET_ATTACHMENT, "250", "tag", "blue"));
        for (int id = 1; id <= 3; id++) {
            server.writeInbound(encoder.encode(ByteBufAllocator.DEFAULT, OutboundRequest.of(id, call, serializer)));
        }
        List<InboundRequest> received = new ArrayList<>();
        for (Object frame : recorder.frames) {
            received.add((InboundRequest) frame);
        }
        recorder.frames.clear();
        try {
            for (int i = 0; i < 2; i++) {
                InboundRequest request = received.get(i);
                Invocation decoded =
                        bodies.decodeRequest(request, key -> service).invocation();
                assertThat(decoded.attachments())
                        .containsEntry(InboundRequest.BUDGET_ATTACHMENT, "250")
                        .containsEntry("tag", "blue")
                        .containsEntry(InboundRequest.RECEIVED_NANOS_ATTACHMENT, Long.toString(request.receivedNanos()))
                        .hasSize(3);
                assertThat(decoded.deadlineNanos() - request.receivedNanos())
                        .isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
            }
            // The same bytes again, read under a limit they break: refused, not served from the
            // attachments remembered under the first limits.
            BodyDecoder strict =
                    new BodyDecoder(ProtocolOptions.builder().maxAttachments(1).build(), serializers);
            assertThatThrownBy(() -> strict.decodeRequest(received.get(2), key -> service))
                    .isInstanceOf(RpcException.class)
                    .hasMessageContaining("attachment count 2 over the limit of 1");
        } finally {
            received.forEach(InboundRequest::release);
        }
    }

    @Test
    void requestWithABudget_decodesWithATypedDeadline_fromItsReceiveTime() {
        List<Invocation> calls = new ArrayList<>();
        for (String budget : new String[] {"250", null, "soon", "999999999999"}) {
            Invocation call = Invocation.of(KEY, GREETER.find("greet(java.lang.String)"), new Object[] {"x"});
            calls.add(
                    budget == null
                            ? call.withAttachment("trace", "t")
                            : call.withAttachment(InboundRequest.BUDGET_ATTACHMENT, budget));
        }
        for (int i = 0; i < calls.size(); i++) {
            server.writeInbound(
                    encoder.encode(ByteBufAllocator.DEFAULT, OutboundRequest.of(i + 1, calls.get(i), serializer)));
        }
        List<InboundRequest> received = new ArrayList<>();
        List<Invocation> decoded = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            InboundRequest request = (InboundRequest) recorder.frames.get(i);
            received.add(request);
            decoded.add(bodies.decodeRequest(request, key -> service).invocation());
        }

        assertThat(decoded.get(0).hasDeadline()).isTrue();
        assertThat(decoded.get(0).deadlineNanos() - received.get(0).receivedNanos())
                .as("the budget counts from when the frame was read")
                .isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        assertThat(decoded.get(1).hasDeadline()).as("no budget, no deadline").isFalse();
        assertThat(decoded.get(2).hasDeadline())
                .as("a malformed budget is ignored")
                .isFalse();
        assertThat(decoded.get(3).deadlineNanos() - received.get(3).receivedNanos())
                .as("capped at one day")
                .isEqualTo(TimeUnit.DAYS.toNanos(1));
        received.forEach(InboundRequest::release);
        recorder.frames.clear();
    }

    @Test
    void onewayMethod_isSentWithTheOnewayFlag() {
        Invocation call = Invocation.of(KEY, GREETER.find("fire(java.lang.String)"), new Object[] {"x"});
        server.writeInbound(encoder.encode(ByteBufAllocator.DEFAULT, OutboundRequest.of(7, call, serializer)));
        assertThat(((InboundRequest) recorder.frames.get(0)).oneway()).isTrue();
    }

    @Test
    void valueResponse_roundTrips() {
        ByteBuf bytes = encoder.encode(
                ByteBufAllocator.DEFAULT,
                OutboundResponse.ofResult(9, serializer, String.class, RpcResult.of("hi", Map.of("k", "v"))));
        server.writeInbound(bytes);
        InboundResponse response = (InboundResponse) recorder.frames.get(0);
        assertThat(response.isError()).isFalse();
        RpcResult result = bodies.decodeResponse(response, String.class, serializer, OpenPolicy.INSTANCE);
        assertThat(result.value()).isEqualTo("hi");
        assertThat(result.attachments()).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void errorResponse_carriesCodeMessageAndExecutionState() {
        server.writeInbound(encoder.encode(
                ByteBufAllocator.DEFAULT,
                OutboundResponse.ofError(5, new RpcException(ErrorCode.SERVER_BUSY, "executor full"))));
        InboundResponse response = (InboundResponse) recorder.frames.get(0);
        assertThat(response.status()).isEqualTo(ErrorCode.SERVER_BUSY.code());
        assertThat(response.serializerId()).isZero();
        assertThatThrownBy(() -> bodies.decodeResponse(response, String.class, serializer, OpenPolicy.INSTANCE))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SERVER_BUSY);
                    assertThat(e.notExecuted()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("provider: executor full");
                });
    }

    @Test
    void heartbeatAndGoingAway_areSixteenAndSeventeenBytes() {
        ByteBuf ping = encoder.encode(ByteBufAllocator.DEFAULT, Heartbeat.ping(3));
        ByteBuf goingAway = encoder.encode(ByteBufAllocator.DEFAULT, GoingAway.INSTANCE);
        assertThat(ping.readableBytes()).isEqualTo(Header.LENGTH);
        assertThat(goingAway.readableBytes()).isEqualTo(Header.LENGTH + 1);
        server.writeInbound(
                ping,
                goingAway,
                encoder.encode(ByteBufAllocator.DEFAULT, Heartbeat.ping(3).pong()));
        assertThat(recorder.frames).containsExactly(Heartbeat.ping(3), GoingAway.INSTANCE, new Heartbeat(3, true));
    }

    @Test
    void cancelEvent_isTwentyFiveBytes_namingTheRequestInItsBody() {
        ByteBuf cancel = encoder.encode(ByteBufAllocator.DEFAULT, new CancelRequest(0x0102030405060708L));
        assertThat(io.netty.buffer.ByteBufUtil.hexDump(cancel))
                .isEqualTo("c7205000" + "0000000000000000" + "00000009" + "02" + "0102030405060708");
        server.writeInbound(cancel);
        assertThat(recorder.frames).containsExactly(new CancelRequest(0x0102030405060708L));
        assertThat(server.isOpen()).isTrue();
    }

    @Test
    void cancelEventOfTheWrongLength_andUnknownEventTypes_areDropped_theConnectionGoesOn() {
        // What an older receiver does with a cancel (an unknown type), and this one with a malformed cancel.
        server.writeInbound(
                Unpooled.wrappedBuffer(
                        io.netty.buffer.ByteBufUtil.decodeHexDump("c7205000" + "0000000000000000" + "00000001" + "02")),
                Unpooled.wrappedBuffer(io.netty.buffer.ByteBufUtil.decodeHexDump(
                        "c7205000" + "0000000000000000" + "0000000a" + "02" + "01020304050607" + "0809")),
                Unpooled.wrappedBuffer(io.netty.buffer.ByteBufUtil.decodeHexDump(
                        "c7205000" + "0000000000000000" + "00000009" + "03" + "0102030405060708")),
                encoder.encode(ByteBufAllocator.DEFAULT, Heartbeat.ping(4)));
        assertThat(recorder.frames).containsExactly(Heartbeat.ping(4));
        assertThat(recorder.errors).isEmpty();
        assertThat(server.isOpen()).isTrue();
    }

    @Test
    void badMagic_closesTheChannelAndReachesNoHandler() {
        server.writeInbound(Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n".getBytes()));
        assertThat(server.isOpen()).isFalse();
        assertThat(recorder.frames).isEmpty();
        assertThat(recorder.errors).singleElement().isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.fatal()).isTrue();
            assertThat(e.requestId()).isEmpty();
            assertThat(e.getMessage()).isEqualTo("bad magic 0x47 at stream offset 0 (expected: 0xc7)");
        });
    }
}

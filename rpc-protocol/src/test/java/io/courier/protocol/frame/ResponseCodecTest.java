package io.courier.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RemoteException;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.Greeter;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.Recorder;
import io.courier.protocol.SerializerContractTest;
import io.courier.protocol.internal.Header;
import io.courier.protocol.model.Faulty;
import io.courier.protocol.model.InsufficientFundsException;
import io.courier.protocol.model.ModelService;
import io.courier.protocol.serialization.ClassAllowList;
import io.courier.protocol.serialization.HessianSerializer;
import io.courier.protocol.serialization.ProtostuffSerializer;
import io.courier.protocol.serialization.Serializers;
import io.courier.protocol.testing.TestSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Responses end to end through encoder and decoder, and what the encoder does when it cannot write. */
class ResponseCodecTest {

    static final ServiceDescriptor GREETER = ServiceDescriptor.of(Greeter.class);
    static final ServiceKey KEY = ServiceKey.of(Greeter.class);

    final ProtocolOptions small = ProtocolOptions.builder().maxFrameLength(1024).build();
    final TestSerializer text = TestSerializer.INSTANCE;

    RpcResult throughFrames(Serializer serializer, RpcResult result, DeserializationPolicy policy) {
        Serializers serializers = Serializers.of(serializer);
        ProtocolOptions options = ProtocolOptions.defaults();
        ByteBuf bytes = new FrameEncoder(options)
                .encode(ByteBufAllocator.DEFAULT, OutboundResponse.ofResult(3, serializer, Object.class, result));
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(options, serializers), recorder);
        try {
            channel.writeInbound(bytes);
            InboundResponse response = (InboundResponse) recorder.frames.get(0);
            return new BodyDecoder(options, serializers).decodeResponse(response, Object.class, serializer, policy);
        } finally {
            recorder.releaseAll();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void businessException_ofAnAllowedClass_arrivesAsItself() {
        RpcResult result = throughFrames(
                new ProtostuffSerializer(),
                RpcResult.ofException(new InsufficientFundsException("short", null, 5)),
                SerializerContractTest.POLICY);
        assertThat(result.exception())
                .isInstanceOf(InsufficientFundsException.class)
                .hasMessage("short");
    }

    @Test
    void businessException_ofAClassTheConsumerMayNotLoad_arrivesAsRemoteException() {
        InsufficientFundsException thrown = new InsufficientFundsException("short", null, 5);
        RpcResult result = throughFrames(
                new HessianSerializer(),
                RpcResult.ofException(thrown),
                ClassAllowList.of(GREETER, ProtocolOptions.defaults()));
        assertThat(result.exception()).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.remoteClassName()).isEqualTo(InsufficientFundsException.class.getName());
            assertThat(e.getMessage()).isEqualTo(InsufficientFundsException.class.getName() + ": short");
            assertThat(SerializerContractTest.frames(e)).isEqualTo(SerializerContractTest.frames(thrown));
        });
    }

    @Test
    void businessException_theSerializerCannotWrite_arrivesAsRemoteException() {
        RpcResult result = throughFrames(
                new ProtostuffSerializer(), RpcResult.ofException(new Faulty("broken")), SerializerContractTest.POLICY);
        assertThat(result.exception())
                .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.remoteClassName())
                        .isEqualTo(Faulty.class.getName()));
    }

    @Test
    void responseAttachments_roundTrip() {
        RpcResult result = throughFrames(
                new ProtostuffSerializer(), RpcResult.of("v", Map.of("a", "b")), SerializerContractTest.POLICY);
        assertThat(result.value()).isEqualTo("v");
        assertThat(result.attachments()).isEqualTo(Map.of("a", "b"));
    }

    @Test
    void responseInAnotherSerializerThanTheRequest_isRefused() {
        Serializers serializers = Serializers.of(new ProtostuffSerializer(), new HessianSerializer());
        ByteBuf bytes = new FrameEncoder(ProtocolOptions.defaults())
                .encode(
                        ByteBufAllocator.DEFAULT,
                        OutboundResponse.ofResult(3, new HessianSerializer(), Object.class, RpcResult.of("v")));
        InboundResponse response = new InboundResponse(3, HessianSerializer.ID, 0, bytes.skipBytes(Header.LENGTH));
        try {
            new BodyDecoder(ProtocolOptions.defaults(), serializers)
                    .decodeResponse(response, Object.class, new ProtostuffSerializer(), SerializerContractTest.POLICY);
            throw new AssertionError("accepted");
        } catch (RpcException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
            assertThat(e.getMessage()).isEqualTo("response: in serializer 2, but the request was sent in 1");
            assertThat(e.notExecuted()).isFalse();
        } finally {
            response.release();
        }
    }

    ChannelFuture write(ProtocolOptions options, Object frame) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameEncoder(options));
        ChannelFuture future = channel.writeOneOutbound(frame);
        channel.flushOutbound();
        channel.finishAndReleaseAll();
        return future;
    }

    @Test
    void requestOverTheFrameLimit_failsItsWriteAsNotExecuted() {
        Invocation call = Invocation.of(KEY, GREETER.find("greet(java.lang.String)"), new Object[] {"x".repeat(2000)});
        ChannelFuture future = write(small, OutboundRequest.of(1, call, text));
        assertThat(future.cause()).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
            assertThat(e.notExecuted()).isTrue();
            assertThat(e.getMessage())
                    .startsWith("request body over the limit of 1024 bytes (maxFrameLength")
                    .contains("courier.protocol.max-frame-length");
        });
    }

    @Test
    void requestOverTheAttachmentCaps_failsItsWriteAsNotExecuted() {
        Map<String, String> attachments = new HashMap<>();
        for (int i = 0; i < 65; i++) {
            attachments.put("k" + i, "v");
        }
        Invocation call = Invocation.of(KEY, GREETER.find("greet(java.lang.String)"), new Object[] {"x"}, attachments);
        ChannelFuture future = write(ProtocolOptions.defaults(), OutboundRequest.of(1, call, text));
        assertThat(future.cause()).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.notExecuted()).isTrue();
            assertThat(e.getMessage()).isEqualTo("attachments: 65 (expected: <= 64, maxAttachments)");
        });
    }

    @Test
    void aBudgetAlone_isWrittenAsEveryAttachmentIs_andTheByteCapHoldsForIt() {
        Map<String, String> budget = Map.of(InboundRequest.BUDGET_ATTACHMENT, "5000");
        ByteBuf out = ByteBufAllocator.DEFAULT.heapBuffer();
        try {
            AttachmentCodec.write(
                    out,
                    budget,
                    ProtocolOptions.builder().maxAttachmentBytes(23).build());
            byte[] key = InboundRequest.BUDGET_ATTACHMENT.getBytes(StandardCharsets.UTF_8);
            ByteBuf expected = ByteBufAllocator.DEFAULT.heapBuffer();
            try {
                expected.writeByte(1).writeByte(key.length).writeBytes(key).writeByte(4);
                expected.writeBytes("5000".getBytes(StandardCharsets.UTF_8));
                assertThat(ByteBufUtil.getBytes(out)).isEqualTo(ByteBufUtil.getBytes(expected));
            } finally {
                expected.release();
            }
            assertThat(AttachmentCodec.read(out, ProtocolOptions.defaults())).isEqualTo(budget);
            out.clear();
            ProtocolOptions tight =
                    ProtocolOptions.builder().maxAttachmentBytes(22).build();
            assertThatThrownBy(() -> AttachmentCodec.write(out, budget, tight))
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                        assertThat(e.getMessage())
                                .isEqualTo(
                                        "attachment bytes: over 22 at key 'courier.deadline-ms' (maxAttachmentBytes)");
                    });
        } finally {
            out.release();
        }
    }

    @Test
    void requestWithAnUnwritableArgument_failsItsWriteAsNotExecuted() {
        Invocation call = Invocation.of(KEY, GREETER.find("add(long,long)"), new Object[] {1L, 2L});
        ChannelFuture future = write(
                ProtocolOptions.defaults(),
                OutboundRequest.of(1, call.withAttachment("a", "b"), new ProtostuffSerializer()));
        assertThat(future.isSuccess()).isTrue();
        Invocation bad = Invocation.of(
                ServiceKey.of(ModelService.class),
                ServiceDescriptor.of(ModelService.class).find("anything(java.lang.Object)"),
                new Object[] {new io.courier.protocol.model.Point(1, "p")});
        ChannelFuture failed =
                write(ProtocolOptions.defaults(), OutboundRequest.of(1, bad, new ProtostuffSerializer()));
        assertThat(failed.cause()).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
            assertThat(e.notExecuted()).isTrue();
        });
    }

    @Test
    void resultTheEncoderCannotWrite_isAnsweredWithAnErrorResponse() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameEncoder(small));
        try {
            channel.writeOutbound(
                    OutboundResponse.ofResult(4, text, Object.class, RpcResult.of(4.2)),
                    OutboundResponse.ofResult(5, text, String.class, RpcResult.of("y".repeat(5000))),
                    OutboundResponse.ofResult(
                            6, new ProtostuffSerializer(), Object.class, RpcResult.of(List.of("y".repeat(5000)))),
                    OutboundResponse.ofResult(
                            7, new HessianSerializer(), Object.class, RpcResult.of(List.of("y".repeat(5000)))));
            for (int expected : List.of(
                    ErrorCode.SERIALIZATION.code(),
                    ErrorCode.PAYLOAD_TOO_LARGE.code(),
                    ErrorCode.PAYLOAD_TOO_LARGE.code(),
                    ErrorCode.PAYLOAD_TOO_LARGE.code())) {
                ByteBuf answer = channel.readOutbound();
                try {
                    assertThat((int) answer.getUnsignedByte(Header.STATUS_OFFSET))
                            .isEqualTo(expected);
                    assertThat((int) answer.getUnsignedByte(Header.VERSION_SERIALIZER_OFFSET) & 0x1F)
                            .isZero();
                } finally {
                    answer.release();
                }
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}

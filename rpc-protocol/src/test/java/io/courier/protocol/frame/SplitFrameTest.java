package io.courier.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.protocol.Corpus;
import io.courier.protocol.DecodedRequest;
import io.courier.protocol.ExportedService;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.Recorder;
import io.courier.protocol.SerializerContractTest;
import io.courier.protocol.internal.Header;
import io.courier.protocol.serialization.Serializers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** However the bytes of valid frames are split, the same frames come out. */
@Timeout(120)
class SplitFrameTest {

    static final List<Corpus.Entry> CORPUS = Corpus.frames(1_000, 31, true);

    /**
     * Hundreds of thousands of partial frames: the decoder's buffers come from an allocator without
     * the (paranoid) leak tracker, which would spend minutes recording their accesses; each test
     * checks instead that every frame's body is released.
     */
    static EmbeddedChannel channel(ChannelHandler... handlers) {
        EmbeddedChannel channel = new EmbeddedChannel(handlers);
        channel.config().setAllocator(new UnpooledByteBufAllocator(false, true));
        return channel;
    }

    final Serializers serializers = Serializers.of(Corpus.PROTOSTUFF, Corpus.HESSIAN);
    final ProtocolOptions options = ProtocolOptions.defaults();

    @Test
    void everyFrameSplitAtEveryOffset_decodesToTheSameFrame() {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = channel(new FrameDecoder(options, serializers), recorder);
        long splits = 0;
        try {
            for (Corpus.Entry entry : CORPUS) {
                byte[] bytes = entry.bytes();
                for (int cut = 1; cut < bytes.length; cut++) {
                    channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, cut));
                    assertThat(recorder.frames).isEmpty();
                    channel.writeInbound(Unpooled.wrappedBuffer(bytes, cut, bytes.length - cut));
                    assertThat(recorder.frames).hasSize(1);
                    Object frame = recorder.frames.get(0);
                    assertSame(entry, frame);
                    recorder.releaseAll();
                    if (frame instanceof BodyHolder holder) {
                        assertThat(holder.refCnt()).as("body released").isZero();
                    }
                    splits++;
                }
            }
            assertThat(recorder.errors).isEmpty();
            assertThat(splits).isGreaterThan(50_000);
        } finally {
            recorder.releaseAll();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void theWholeStreamByteByByte_decodesToTheSameFramesAndBodies() {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = channel(new FrameDecoder(options, serializers), recorder);
        BodyDecoder bodies = new BodyDecoder(options, serializers);
        ExportedService service =
                ExportedService.of(Corpus.KEY, Corpus.SERVICE, serializers.all(), SerializerContractTest.POLICY);
        try {
            for (Corpus.Entry entry : CORPUS) {
                for (byte b : entry.bytes()) {
                    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
                }
            }
            assertThat(recorder.frames).hasSize(CORPUS.size());
            for (int i = 0; i < CORPUS.size(); i++) {
                Corpus.Entry entry = CORPUS.get(i);
                Object frame = recorder.frames.get(i);
                assertSame(entry, frame);
                if (frame instanceof InboundRequest request) {
                    DecodedRequest<ExportedService> decoded = bodies.decodeRequest(request, key -> service);
                    assertThat(decoded.invocation().method())
                            .isSameAs(entry.invocation().method());
                    assertThat(decoded.invocation().attachments())
                            .isEqualTo(entry.invocation().attachments());
                    assertThat(Arrays.deepEquals(
                                    decoded.invocation().arguments(),
                                    entry.invocation().arguments()))
                            .as("arguments of " + entry.invocation())
                            .isTrue();
                }
            }
            assertThat(recorder.errors).isEmpty();
            List<Object> frames = new java.util.ArrayList<>(recorder.frames);
            recorder.releaseAll();
            for (Object frame : frames) {
                if (frame instanceof BodyHolder holder) {
                    assertThat(holder.refCnt()).as("body released").isZero();
                }
            }
        } finally {
            recorder.releaseAll();
            channel.finishAndReleaseAll();
        }
    }

    /** The decoded frame matches what was sent: kind, header fields and body bytes. */
    static void assertSame(Corpus.Entry entry, Object decoded) {
        byte[] bytes = entry.bytes();
        OutboundFrame sent = entry.sent();
        if (sent instanceof Heartbeat || sent instanceof GoingAway) {
            assertThat(decoded).isEqualTo(sent);
            return;
        }
        ByteBuf body = ((BodyHolder) decoded).body();
        assertThat(ByteBufUtil.equals(
                        body,
                        body.readerIndex(),
                        Unpooled.wrappedBuffer(bytes),
                        Header.LENGTH,
                        bytes.length - Header.LENGTH))
                .as("body bytes")
                .isTrue();
        assertThat(body.readableBytes()).isEqualTo(bytes.length - Header.LENGTH);
        if (sent instanceof OutboundRequest request) {
            InboundRequest inbound = (InboundRequest) decoded;
            assertThat(inbound.requestId()).isEqualTo(request.requestId());
            assertThat(inbound.oneway()).isEqualTo(request.oneway());
            assertThat(inbound.serializerId()).isEqualTo(request.serializer().id());
        } else {
            OutboundResponse response = (OutboundResponse) sent;
            InboundResponse inbound = (InboundResponse) decoded;
            assertThat(inbound.requestId()).isEqualTo(response.requestId());
            assertThat(inbound.status())
                    .isEqualTo(response.isError() ? response.error().code().code() : 0);
            assertThat(inbound.serializerId())
                    .isEqualTo(response.isError() ? 0 : response.serializer().id());
        }
    }
}

package io.courier.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.protocol.frame.BodyDecoder;
import io.courier.protocol.frame.FrameDecoder;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.protocol.frame.InboundStreamFrame;
import io.courier.protocol.frame.StreamFrameKind;
import io.courier.protocol.frame.StreamFrames;
import io.courier.protocol.internal.Header;
import io.courier.protocol.serialization.Serializers;
import io.courier.protocol.testing.OpenPolicy;
import io.courier.protocol.testing.TestSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stream frames through the real decoder: every kind round-trips, bad headers are refused. */
class StreamFramesTest {

    /** A service with one server stream. */
    public interface Feed {
        Flow.Publisher<String> follow(String topic);
    }

    private static final ServiceDescriptor FEED = ServiceDescriptor.of(Feed.class);
    private static final ServiceKey KEY = ServiceKey.of(Feed.class);
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private final TestSerializer serializer = TestSerializer.INSTANCE;
    private final Serializers serializers = Serializers.of(serializer);
    private final ProtocolOptions options = ProtocolOptions.defaults();
    private final StreamFrames frames = new StreamFrames(options);
    private final Recorder recorder = new Recorder();
    private final EmbeddedChannel channel =
            new EmbeddedChannel(new FrameEncoder(options), new FrameDecoder(options, serializers), recorder);

    @AfterEach
    void close() {
        recorder.releaseAll();
        channel.finishAndReleaseAll();
    }

    private InboundStreamFrame roundTrip(ByteBuf encoded) {
        channel.writeInbound(encoded);
        assertThat(recorder.errors).isEmpty();
        return (InboundStreamFrame) recorder.frames.get(recorder.frames.size() - 1);
    }

    @Test
    void descriptor_knowsAServerStreamAndItsMessageType() {
        assertThat(FEED.methods().get(0).serverStream()).isTrue();
        assertThat(FEED.methods().get(0).resultType()).isEqualTo(String.class);
    }

    @Test
    void open_carriesCreditAndARequestTheBodyDecoderReads() {
        Invocation call = Invocation.of(KEY, FEED.methods().get(0), new Object[] {"orders"})
                .withAttachment("trace", "t1");
        InboundStreamFrame frame = roundTrip(frames.open(ALLOC, 7, call, serializer, 128));

        assertThat(frame.kind()).isEqualTo(StreamFrameKind.OPEN);
        assertThat(frame.streamId()).isEqualTo(7);
        assertThat(frame.serializerId()).isEqualTo(serializer.id());
        StreamFrames.StreamOpen open = frames.readOpen(frame);
        assertThat(open.credit()).isEqualTo(128);
        ExportedService service = ExportedService.of(KEY, FEED, List.of(serializer), OpenPolicy.INSTANCE);
        try {
            DecodedRequest<ExportedService> decoded =
                    new BodyDecoder(options, serializers).decodeRequest(open.request(), key -> service);
            assertThat(decoded.invocation().arguments()).containsExactly("orders");
            assertThat(decoded.invocation().attachments()).containsEntry("trace", "t1");
            assertThat(decoded.requestId()).isEqualTo(7);
        } finally {
            open.request().release();
        }
    }

    @Test
    void message_window_signalsAndError_roundTrip() {
        InboundStreamFrame message = roundTrip(frames.message(ALLOC, 9, serializer, "hello", String.class));
        assertThat(message.kind()).isEqualTo(StreamFrameKind.MESSAGE);
        assertThat(frames.readMessage(message, String.class, serializer, OpenPolicy.INSTANCE))
                .isEqualTo("hello");

        assertThat(frames.readWindow(roundTrip(frames.window(ALLOC, 9, Integer.MAX_VALUE))))
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(roundTrip(frames.signal(ALLOC, 9, StreamFrameKind.HALF_CLOSE))
                        .kind())
                .isEqualTo(StreamFrameKind.HALF_CLOSE);
        assertThat(roundTrip(frames.signal(ALLOC, 9, StreamFrameKind.CANCEL)).kind())
                .isEqualTo(StreamFrameKind.CANCEL);

        InboundStreamFrame error =
                roundTrip(frames.error(ALLOC, 9, new RpcException(ErrorCode.FORBIDDEN, true, "no access", null)));
        assertThat(error.status()).isEqualTo(ErrorCode.FORBIDDEN.code());
        RpcException read = frames.readError(error);
        assertThat(read.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(read.notExecuted()).isTrue();
        assertThat(read.getMessage()).isEqualTo("provider: no access");
    }

    @Test
    void unknownKind_isPassedOnForTheStreamLayerToRefuse() {
        ByteBuf raw = Unpooled.buffer();
        int start = Header.start(raw, 0, Header.FLAG_STREAM, 0, 5);
        raw.writeByte(9);
        Header.finish(raw, start);
        InboundStreamFrame frame = roundTrip(raw);
        assertThat(frame.kind()).isNull();
        assertThat(frame.kindNumber()).isEqualTo(9);
    }

    @Test
    void streamFlagWithAnyOtherFlag_isAFatalProtocolError() {
        ByteBuf raw = Unpooled.buffer();
        int start = Header.start(raw, 0, Header.FLAG_STREAM | Header.FLAG_RESPONSE, 0, 5);
        raw.writeByte(StreamFrameKind.CANCEL.number());
        Header.finish(raw, start);
        channel.writeInbound(raw);
        assertThat(recorder.frames).isEmpty();
        assertThat(recorder.errors).singleElement().satisfies(error -> assertThat(error.getMessage())
                .isEqualTo("flags 0x88 (a stream frame carries no other flag) in frame at stream offset 0"));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void emptyStreamFrame_isAFatalProtocolError() {
        ByteBuf raw = Unpooled.buffer();
        Header.finish(raw, Header.start(raw, 0, Header.FLAG_STREAM, 0, 5));
        channel.writeInbound(raw);
        assertThat(recorder.errors).singleElement().satisfies(error -> assertThat(error.getMessage())
                .isEqualTo("stream frame with an empty body (expected: a kind byte) in frame at stream offset 0"));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void windowOfZero_andBadSignals_areRefused() {
        ByteBuf raw = Unpooled.buffer();
        int start = Header.start(raw, 0, Header.FLAG_STREAM, 0, 5);
        raw.writeByte(StreamFrameKind.WINDOW.number());
        raw.writeByte(0);
        Header.finish(raw, start);
        InboundStreamFrame window = roundTrip(raw);
        assertThatThrownBy(() -> frames.readWindow(window))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("credit 0 (expected: > 0)");
        assertThatThrownBy(() -> frames.signal(ALLOC, 1, StreamFrameKind.OPEN))
                .hasMessage("kind: OPEN (expected: HALF_CLOSE or CANCEL)");
    }
}

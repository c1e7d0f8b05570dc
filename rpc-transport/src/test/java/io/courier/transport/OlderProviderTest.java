package io.courier.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.protocol.frame.OutboundResponse;
import io.courier.protocol.internal.Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A consumer that opens a stream on a provider built before streams: that provider's decoder
 * refuses flag 0x08 as a reserved flag bit, answers the frame's id with {@code BAD_REQUEST} and
 * closes the connection (protocol.md, section 9). The consumer must turn that into a clear error on
 * the stream, not wait or misread it.
 */
@Timeout(30)
class OlderProviderTest {

    @Test
    void openOnAnOlderProvider_failsTheStreamWithItsRefusal() throws Exception {
        try (ServerSocket older = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                TransportClient client = Calls.client(Calls.options().build())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> answerAsAnOlderDecoder(older));
            Invoker invoker = client.invoker(
                    io.courier.api.Endpoint.of("127.0.0.1", older.getLocalPort()), Calls.callOptions(10_000));
            @SuppressWarnings("unchecked")
            Flow.Publisher<Object> stream =
                    (Flow.Publisher<Object>) Calls.value(invoker.invoke(StreamProvider.call("count", 3L)), 10);
            Collector collector = Collector.all();
            stream.subscribe(collector);

            RpcException failure = collector.failure();
            assertThat(failure.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(failure.notExecuted()).isTrue();
            assertThat(failure.getMessage())
                    .isEqualTo("provider does not take stream frames (is it an older Courier?): provider: reserved"
                            + " flag bits 0x8 set in frame at stream offset 0");
            served.get(10, TimeUnit.SECONDS);
            assertThat(client.streamStats().openStreams()).isZero();
        }
    }

    /** What version 1 before streams did with a frame whose flags are 0x08: answer and close. */
    private static void answerAsAnOlderDecoder(ServerSocket older) {
        try (Socket socket = older.accept()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[Header.LENGTH];
            in.readFully(header);
            long id = java.nio.ByteBuffer.wrap(header).getLong(Header.REQUEST_ID_OFFSET);
            ByteBuf answer = new FrameEncoder(ProtocolOptions.defaults())
                    .encode(
                            ByteBufAllocator.DEFAULT,
                            OutboundResponse.ofError(
                                    id,
                                    new RpcException(
                                            ErrorCode.BAD_REQUEST,
                                            true,
                                            "reserved flag bits 0x8 set in frame at stream offset 0",
                                            null)));
            OutputStream out = socket.getOutputStream();
            try {
                out.write(ByteBufUtil.getBytes(answer));
            } finally {
                answer.release();
            }
            out.flush();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

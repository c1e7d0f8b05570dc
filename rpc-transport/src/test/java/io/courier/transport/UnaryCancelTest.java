package io.courier.transport;

import static io.courier.transport.Calls.callOptions;
import static io.courier.transport.Calls.endpoint;
import static io.courier.transport.Calls.sleep;
import static io.courier.transport.Calls.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.protocol.frame.CancelRequest;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.protocol.frame.OutboundFrame;
import io.courier.protocol.frame.OutboundRequest;
import io.courier.protocol.internal.Header;
import io.courier.protocol.testing.TestSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cancel event (protocol.md, section 5): a consumer that abandons a two-way call tells the
 * provider, which drops the request unrun if it still waits for an executor thread, and ignores the
 * cancel otherwise; malformed or foreign cancels change nothing. Netty's leak detector runs at
 * PARANOID for every test (LeakDetectionExtension), so a request dropped unreleased fails the class.
 */
@Timeout(30)
class UnaryCancelTest {

    private final TestProvider provider = new TestProvider();
    /** One executor thread, no adaptive placement: a call behind a sleeping one waits in the queue. */
    private final TransportServer server = Calls.server(
            Calls.options()
                    .executorThreads(1)
                    .executorQueueSize(64)
                    .adaptivePool(false)
                    .build(),
            provider.export(ExecutorKind.POOL));

    private final TransportClient client = Calls.client(Calls.options().build());

    @AfterEach
    void close() {
        client.close();
        server.close();
        provider.close();
    }

    @Test
    void cancelledWhileQueued_neverRuns_isCounted_andTheConnectionGoesOn() throws Exception {
        Invoker invoker = client.invoker(endpoint(server), callOptions(10_000));
        CompletableFuture<RpcResult> blocker = invoker.invoke(sleep("blocker", 2_000));
        await().until(() -> provider.executed.get() == 1);
        List<CompletableFuture<RpcResult>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(invoker.invoke(sleep("queued-" + i, 1)));
        }
        await().until(() -> server.stats().inFlight() == 6);

        queued.forEach(call -> assertThat(call.cancel(false)).isTrue());

        await().atMost(Duration.ofSeconds(10)).until(() -> server.cancelledBeforeRun() == 5);
        assertThat(server.stats().inFlight()).as("the blocker only").isEqualTo(1);
        assertThat(value(blocker, 10)).isEqualTo("blocker");
        // Behind the cancelled ones in the executor's queue: had they run, they would have run first.
        assertThat(value(invoker.invoke(sleep("after", 1)), 10)).isEqualTo("after");
        assertThat(provider.executed.get())
                .as("blocker and after; no cancelled call")
                .isEqualTo(2);
        assertThat(client.stats().inFlight()).isZero();
    }

    @Test
    void cancelOfARunningCall_isIgnored_itsLateAnswerReleasedUnread() throws Exception {
        Invoker invoker = client.invoker(endpoint(server), callOptions(10_000));
        CompletableFuture<RpcResult> running = invoker.invoke(sleep("running", 200));
        await().until(() -> provider.executed.get() == 1);

        assertThat(running.cancel(false)).isTrue();

        await().until(() -> server.stats().inFlight() == 0);
        assertThat(server.cancelledBeforeRun()).isZero();
        assertThat(value(invoker.invoke(sleep("next", 1)), 10)).isEqualTo("next");
        assertThat(client.stats().inFlight()).isZero();
    }

    @Test
    void cancelOfAnAnsweredCall_sendsNothing() throws Exception {
        Invoker invoker = client.invoker(endpoint(server), callOptions(10_000));
        CompletableFuture<RpcResult> answered = invoker.invoke(sleep("done", 1));
        assertThat(value(answered, 10)).isEqualTo("done");

        assertThat(answered.cancel(false)).isFalse();
        assertThat(server.cancelledBeforeRun()).isZero();
    }

    @Test
    void hostileCancels_unknownIds_malformedBodies_andOtherConnectionsCalls_changeNothing() throws Exception {
        FrameEncoder encoder = new FrameEncoder(Calls.options().build().protocol());
        Invoker invoker = client.invoker(endpoint(server), callOptions(10_000));
        // Long enough that the victim is still queued behind it on a loaded machine (300 ms was not, once).
        CompletableFuture<RpcResult> blocker = invoker.invoke(sleep("blocker", 2_000));
        await().until(() -> provider.executed.get() == 1);
        // Queued behind the blocker on the client's connection, with some request id.
        CompletableFuture<RpcResult> victim = invoker.invoke(sleep("victim", 1));
        await().until(() -> server.stats().inFlight() == 2);

        try (Socket hostile = new Socket()) {
            hostile.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            OutputStream out = hostile.getOutputStream();
            // Cancels for every small id: the victim's id among them, but on another connection.
            for (long id = 0; id < 64; id++) {
                out.write(bytes(encoder, new CancelRequest(id)));
            }
            out.write(bytes(encoder, new CancelRequest(-1)));
            // Cancel events of the wrong length: 1 byte (type only) and 64 bytes.
            out.write(event(new byte[] {2}));
            byte[] long64 = new byte[64];
            long64[0] = 2;
            out.write(event(long64));
            // The connection still works: a call on it is answered.
            out.write(bytes(encoder, new OutboundRequest(7, sleep("hostile", 1), TestSerializer.INSTANCE, false)));
            out.flush();
            DataInputStream in = new DataInputStream(hostile.getInputStream());
            byte[] header = new byte[Header.LENGTH];
            in.readFully(header);
            ByteBuffer view = ByteBuffer.wrap(header);
            assertThat(view.getLong(Header.REQUEST_ID_OFFSET)).isEqualTo(7);
            assertThat(header[Header.STATUS_OFFSET]).as("answered, not refused").isZero();
            in.readFully(new byte[view.getInt(Header.BODY_LENGTH_OFFSET)]);
        }

        assertThat(value(blocker, 10)).isEqualTo("blocker");
        assertThat(value(victim, 10)).as("not cancelled by another connection").isEqualTo("victim");
        assertThat(server.cancelledBeforeRun()).isZero();
    }

    private static byte[] bytes(FrameEncoder encoder, OutboundFrame frame) {
        ByteBuf buffer = encoder.encode(UnpooledByteBufAllocator.DEFAULT, frame);
        try {
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }

    /** An event frame with {@code body}: flags EVENT | ONEWAY, serializer 0, id 0. */
    private static byte[] event(byte[] body) {
        ByteBuffer frame = ByteBuffer.allocate(Header.LENGTH + body.length);
        frame.put((byte) 0xC7).put((byte) (1 << 5)).put((byte) 0x50).put((byte) 0);
        frame.putLong(0).putInt(body.length).put(body);
        return frame.array();
    }
}

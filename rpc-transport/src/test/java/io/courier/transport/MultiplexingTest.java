package io.courier.transport;

import static io.courier.transport.Calls.callOptions;
import static io.courier.transport.Calls.echo;
import static io.courier.transport.Calls.endpoint;
import static io.courier.transport.Calls.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class MultiplexingTest {

    private static final int THREADS = 32;
    private static final int CALLS_PER_THREAD = 10_000;

    @AutoClose
    private Peers peers;

    @BeforeEach
    void start() {
        peers = new Peers(Calls.options().build(), ExecutorKind.POOL);
    }

    @Test
    void echo_returnsTheSameBytes() throws Exception {
        Invoker invoker = peers.client.invoker(endpoint(peers.server), callOptions(5_000));

        Object answer = value(invoker.invoke(echo(new byte[] {1, 2, 3})), 5);

        assertThat(answer).isEqualTo(new byte[] {1, 2, 3});
    }

    @Test
    void concurrentCallers_eachGetTheirOwnResponseOverOneConnection() throws Exception {
        Invoker invoker = peers.client.invoker(endpoint(peers.server), callOptions(30_000));
        ExecutorService callers = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int caller = t;
                results.add(callers.submit(() -> callRepeatedly(invoker, caller)));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(100, TimeUnit.SECONDS)).isEqualTo(CALLS_PER_THREAD);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(peers.client.stats().openConnections()).isEqualTo(1);
        assertThat(peers.server.stats().openConnections()).isEqualTo(1);
        assertThat(peers.client.stats().inFlight()).isZero();
        assertThat(peers.provider.executed).hasValue(THREADS * CALLS_PER_THREAD);
    }

    /** Keeps a few calls of this caller in flight at once; every payload names its caller and call. */
    private static int callRepeatedly(Invoker invoker, int caller) throws Exception {
        int window = 8;
        List<CompletableFuture<RpcResult>> pending = new ArrayList<>(window);
        List<byte[]> sent = new ArrayList<>(window);
        int matched = 0;
        for (int call = 0; call < CALLS_PER_THREAD; call++) {
            byte[] payload = payload(caller, call);
            sent.add(payload);
            pending.add(invoker.invoke(echo(payload)));
            if (pending.size() == window || call == CALLS_PER_THREAD - 1) {
                for (int i = 0; i < pending.size(); i++) {
                    byte[] answer = (byte[]) value(pending.get(i), 30);
                    assertThat(answer).isEqualTo(sent.get(i));
                    matched++;
                }
                pending.clear();
                sent.clear();
            }
        }
        return matched;
    }

    private static byte[] payload(int caller, int call) {
        int length = 8 + ThreadLocalRandom.current().nextInt(120);
        ByteBuffer payload = ByteBuffer.allocate(length);
        payload.putInt(caller).putInt(call);
        while (payload.hasRemaining()) {
            payload.put((byte) (caller * 31 + call + payload.position()));
        }
        return payload.array();
    }
}

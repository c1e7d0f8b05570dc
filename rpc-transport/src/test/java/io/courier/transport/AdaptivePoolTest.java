package io.courier.transport;

import static io.courier.transport.Calls.callOptions;
import static io.courier.transport.Calls.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.protocol.testing.OpenPolicy;
import io.courier.protocol.testing.TestSerializer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The adaptive pool over real sockets: a method that is always fast moves to the IO thread, and a
 * method on the IO thread that blocks goes back to the pool after its second blocking call, so that its next
 * blocking call does not stall the other calls of its event loop.
 */
@Timeout(60)
class AdaptivePoolTest {

    /** The service of this test; {@link #where} answers with the name of the thread it ran on. */
    public interface Placed {
        /** Blocks until the test lets it go unless {@code block} is 0, then returns the thread's name. */
        String where(long block);

        /** Returns the thread's name at once. */
        String quick();
    }

    private static final ServiceDescriptor DESCRIPTOR = ServiceDescriptor.of(Placed.class);
    private static final ServiceKey KEY = ServiceKey.of(Placed.class);

    private final AtomicInteger blocked = new AtomicInteger();
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(1));
    private final Invoker provider = this::serve;
    private TransportServer server;
    private TransportClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void fastMethod_runsOnTheIoThread_andGoesBackToThePoolAfterItBlocksTwice() throws Exception {
        Invoker calls = start(true);
        String thread = call(calls, "where", 0L);
        for (int i = 0; i < 50_000 && !thread.startsWith("courier-server-io"); i++) {
            thread = call(calls, "where", 0L);
        }
        assertThat(thread).as("after a window of fast calls").startsWith("courier-server-io");

        // Blocking calls on the IO thread: the first stall in ten seconds is forgiven (the thread's
        // own stops look alike), as is one during a garbage collection, so block until a fast call
        // shows the method has moved.
        for (int i = 0; i < 5 && thread.startsWith("courier-server-io"); i++) {
            CompletableFuture<String> stalling = async(calls, "where", 1L);
            await().atMost(Duration.ofSeconds(10)).until(() -> blocked.get() == 1);
            release();
            assertThat(stalling.get(10, TimeUnit.SECONDS)).startsWith("courier-server-io");
            thread = call(calls, "where", 0L);
        }
        assertThat(thread).as("after a blocking call").startsWith("courier-server-exec");

        CompletableFuture<String> blocking = async(calls, "where", 1L);
        await().atMost(Duration.ofSeconds(10)).until(() -> blocked.get() == 1);
        assertThat(call(calls, "quick"))
                .as("answered while the blocking call runs")
                .isNotEmpty();
        assertThat(blocking).isNotDone();
        release();
        assertThat(blocking.get(10, TimeUnit.SECONDS)).startsWith("courier-server-exec");
    }

    @Test
    void withoutAdaptivePool_everyCallRunsOnThePool() throws Exception {
        Invoker calls = start(false);
        for (int i = 0; i < 2 * 1024 + 100; i++) {
            assertThat(call(calls, "where", 0L)).startsWith("courier-server-exec");
        }
    }

    private Invoker start(boolean adaptive) {
        ServiceExport export = new ServiceExport(
                KEY, DESCRIPTOR, provider, List.of(TestSerializer.INSTANCE), OpenPolicy.INSTANCE, ExecutorKind.POOL);
        server =
                Calls.server(Calls.options().ioThreads(1).adaptivePool(adaptive).build(), export);
        client = Calls.client(Calls.options().build());
        return client.invoker(endpoint(server), callOptions(10_000));
    }

    private CompletableFuture<RpcResult> serve(Invocation invocation) {
        if (invocation.method().name().equals("where") && (Long) invocation.argument(0) != 0) {
            CountDownLatch gate = this.gate.get();
            blocked.incrementAndGet();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                blocked.decrementAndGet();
            }
        }
        return CompletableFuture.completedFuture(
                RpcResult.of(Thread.currentThread().getName()));
    }

    /** Lets the blocked call finish; the next blocking call waits for the next release. */
    private void release() {
        gate.getAndSet(new CountDownLatch(1)).countDown();
    }

    private static String call(Invoker calls, String method, Object... arguments) throws Exception {
        return async(calls, method, arguments).get(10, TimeUnit.SECONDS);
    }

    private static CompletableFuture<String> async(Invoker calls, String method, Object... arguments) {
        Invocation invocation = Invocation.of(
                KEY,
                DESCRIPTOR.methods().stream()
                        .filter(m -> m.name().equals(method))
                        .findFirst()
                        .orElseThrow(),
                arguments);
        return calls.invoke(invocation).thenApply(result -> (String) result.value());
    }
}

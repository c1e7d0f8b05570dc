package io.courier.transport;

import static io.courier.transport.Calls.callOptions;
import static io.courier.transport.Calls.echo;
import static io.courier.transport.Calls.endpoint;
import static io.courier.transport.Calls.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.Invoker;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A client on a host application's event loops: a connection per loop, and a call stays on its caller's loop. */
@Timeout(60)
class HostEventLoopsTest {

    private final NioEventLoopGroup host = new NioEventLoopGroup(2);
    private final TestProvider provider = new TestProvider();
    private final TransportServer server = Calls.server(Calls.options().build(), provider.export(ExecutorKind.DIRECT));

    @AfterEach
    void stop() {
        server.close();
        provider.close();
        host.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void callOnAHostLoop_goesOutOnThatLoopsConnection_andCompletesOnThatLoop() throws Exception {
        TransportClient client =
                Calls.client(Calls.options().hostEventLoops(host).build());
        try {
            Endpoint endpoint = endpoint(server);
            Invoker invoker = client.invoker(endpoint, callOptions(5_000));
            List<EventLoop> loops = loops();
            // a first call from each loop connects that loop's slot
            for (EventLoop loop : loops) {
                onLoop(loop, invoker).get(5, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> client.stats(endpoint).openConnections() == loops.size());

            Set<String> remotesSeen = new HashSet<>();
            for (EventLoop loop : loops) {
                Thread loopThread = loop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
                provider.remotes.clear();
                for (int call = 0; call < 5; call++) {
                    assertThat(onLoop(loop, invoker).get(5, TimeUnit.SECONDS)).isSameAs(loopThread);
                }
                // every call of this loop came from one connection, and not from another loop's
                assertThat(new HashSet<>(provider.remotes)).hasSize(1);
                assertThat(remotesSeen.add(provider.remotes.peek())).isTrue();
            }

            // and from a thread that is none of the loops, calls still go out
            assertThat(value(invoker.invoke(echo(new byte[] {4, 2})), 5)).isEqualTo(new byte[] {4, 2});
            assertThat(client.stats(endpoint).openConnections()).isEqualTo(loops.size());
        } finally {
            client.close();
        }
        // closed with the client, the host's loops left running
        assertThat(client.stats().openConnections()).isZero();
        assertThat(host.isShuttingDown()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().openConnections() == 0);
        assertThat(host.submit(() -> "still running").get(5, TimeUnit.SECONDS)).isEqualTo("still running");
    }

    @Test
    void connectionsPerEndpoint_roundUpToAMultipleOfTheLoops() throws Exception {
        TransportClient client = Calls.client(
                Calls.options().hostEventLoops(host).connectionsPerEndpoint(3).build());
        try {
            Endpoint endpoint = endpoint(server);
            Invoker invoker = client.invoker(endpoint, callOptions(5_000));
            // calls from a thread of none of the loops take every slot in turn, connecting each
            for (int call = 0; call < 16; call++) {
                assertThat(value(invoker.invoke(echo(new byte[] {(byte) call})), 5))
                        .isEqualTo(new byte[] {(byte) call});
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> client.stats(endpoint).openConnections() == 4);
        } finally {
            client.close();
        }
        assertThat(client.stats().openConnections()).isZero();
    }

    @Test
    void create_refusesAGroupThatIsNeitherEpollNorNio() {
        DefaultEventLoopGroup local = new DefaultEventLoopGroup(1);
        try {
            assertThatThrownBy(() ->
                            Calls.client(Calls.options().hostEventLoops(local).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("hostEventLoops: io.netty.channel.DefaultEventLoopGroup");
        } finally {
            local.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private List<EventLoop> loops() {
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor executor : host) {
            loops.add((EventLoop) executor);
        }
        return loops;
    }

    /** Calls echo on {@code loop}; completes with the thread that completed the call. */
    private static CompletableFuture<Thread> onLoop(EventLoop loop, Invoker invoker) {
        CompletableFuture<Thread> completedOn = new CompletableFuture<>();
        loop.execute(() -> invoker.invoke(echo(new byte[] {7})).whenComplete((result, failure) -> {
            if (failure != null) {
                completedOn.completeExceptionally(failure);
            } else {
                completedOn.complete(Thread.currentThread());
            }
        }));
        return completedOn;
    }
}

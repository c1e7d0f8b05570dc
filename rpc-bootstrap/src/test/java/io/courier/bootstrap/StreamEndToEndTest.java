package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.bootstrap.fixtures.streams.FeedService;
import io.courier.bootstrap.fixtures.streams.JdkFeedService;
import io.courier.bootstrap.fixtures.streams.Tick;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Server streams between two Courier applications over real sockets, through the generated
 * (javassist) and the jdk proxies and dispatchers, filters and the cluster, with the JDK's {@code
 * SubmissionPublisher} as the provider's publisher.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamEndToEndTest {

    private final JdkFeedService first = new JdkFeedService("first");
    private final JdkFeedService second = new JdkFeedService("second");
    private Courier providerA;
    private Courier providerB;
    private Courier consumer;

    @AfterEach
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {consumer, providerA, providerB, first, second}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private FeedService start(String proxy) {
        providerA = Environments.builder()
                .application("feed-a")
                .proxy(proxy)
                .export(first)
                .start();
        providerB = Environments.builder()
                .application("feed-b")
                .proxy(proxy)
                .export(second)
                .start();
        consumer = Environments.builder().application("consumer").proxy(proxy).start();
        return consumer.reference(
                FeedService.class,
                ReferenceOptions.builder()
                        .directEndpoints(List.of(
                                Endpoint.of("127.0.0.1", providerA.port()), Endpoint.of("127.0.0.1", providerB.port())))
                        .retries(2)
                        .build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"javassist", "jdk"})
    void serverStream_arrivesInOrderFromOneInstancePerSubscription(String proxy) throws Exception {
        FeedService feed = start(proxy);
        Flow.Publisher<Tick> ticks = feed.ticks(2_000);
        assertThat(first.started.get() + second.started.get())
                .as("cold until subscribed")
                .isZero();

        for (int subscription = 0; subscription < 4; subscription++) {
            Ticks received = new Ticks(Long.MAX_VALUE);
            ticks.subscribe(received);
            received.done.get(30, TimeUnit.SECONDS);
            assertThat(received.ticks).hasSize(2_000);
            for (int i = 0; i < 2_000; i++) {
                assertThat(received.ticks.get(i).sequence()).isEqualTo(i);
            }
            assertThat(received.ticks.stream().map(Tick::provider).distinct()).hasSize(1);
        }
        assertThat(first.started.get() + second.started.get()).isEqualTo(4);
        assertThat(feed.name()).isIn("first", "second");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javassist", "jdk"})
    void providerFailureMidStream_reachesTheSubscriberAndIsNotRetried(String proxy) throws Exception {
        FeedService feed = start(proxy);
        Ticks received = new Ticks(Long.MAX_VALUE);
        feed.failing(3, "no more ticks").subscribe(received);

        RpcException failure = received.failure();
        assertThat(failure.code()).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(failure.getMessage()).contains("java.lang.IllegalArgumentException: no more ticks");
        // SubmissionPublisher.closeExceptionally signals the error without waiting for the ticks it
        // still buffers, so the subscriber sees a prefix of them: in order, none after the error.
        assertThat(received.ticks)
                .extracting(Tick::sequence)
                .isSubsetOf(0L, 1L, 2L)
                .isSorted();
        assertThat(first.started.get() + second.started.get())
                .as("no retry after the first message")
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javassist"})
    void cancel_stopsTheProvidersPublisher(String proxy) throws Exception {
        FeedService feed = start(proxy);
        Ticks received = new Ticks(10);
        feed.ticks(-1).subscribe(received);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.ticks.size() == 10);
        received.subscription.cancel();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.abandoned.get() + second.abandoned.get() == 1);
        assertThat(received.done).isNotDone();
    }

    @Test
    void aStreamOutlivesTheReferencesCallTimeout_whichBoundsEachCallNotTheStream() throws Exception {
        start("javassist");
        FeedService feed = consumer.reference(
                FeedService.class,
                ReferenceOptions.builder()
                        .directEndpoints(List.of(Endpoint.of("127.0.0.1", providerA.port())))
                        .timeoutMillis(200)
                        .build());
        Ticks received = new Ticks(1);
        feed.ticks(-1).subscribe(received);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.ticks.size() == 1);

        // Asking for one tick at a time for well past the 200 ms timeout: the stream stays open.
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            received.subscription.request(1);
            return System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(1_000);
        });
        assertThat(received.done)
                .as("neither side ended the stream at the call timeout")
                .isNotDone();
        received.subscription.cancel();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javassist", "jdk"})
    void clientAndBidiStreams_carryTheConsumersMessages(String proxy) throws Exception {
        FeedService feed = start(proxy);
        JdkFeedService source = new JdkFeedService("consumer");
        try {
            assertThat(feed.count(source.ticks(5_000)).get(30, TimeUnit.SECONDS))
                    .isEqualTo(5_000L);

            Ticks relayed = new Ticks(Long.MAX_VALUE);
            feed.relay(source.ticks(3_000)).subscribe(relayed);
            relayed.done.get(30, TimeUnit.SECONDS);
            assertThat(relayed.ticks).hasSize(3_000);
            for (int i = 0; i < 3_000; i++) {
                assertThat(relayed.ticks.get(i).sequence()).isEqualTo(i);
            }
            assertThat(relayed.ticks.get(0).provider()).isIn("first", "second");
        } finally {
            source.close();
        }
    }
}

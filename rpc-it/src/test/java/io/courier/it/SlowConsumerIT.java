package io.courier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A consumer asks for far more than it reads (128 MiB of answers, reading none): once the connection
 * holds its high water mark the provider runs no more of its calls (refusing them SERVER_BUSY) and
 * stops reading from it, so the bytes it holds for that consumer stay at the mark plus the answers of
 * the calls already running and the short refusals, while it keeps serving everyone else (whose calls
 * can only be refused, "not executed", at an instant the provider's small executor is full).
 */
@Timeout(120)
class SlowConsumerIT {

    private static final int HIGH_WATER_MARK = 256 * 1024;
    private static final int LOW_WATER_MARK = 64 * 1024;
    private static final int THREADS = 2;
    /**
     * Not 0: a pool without a queue hands a call over only to a thread already waiting for one, and
     * refuses it (SERVER_BUSY) while a thread that just finished is on its way back, even with
     * threads to spare; the reading consumer must not see such refusals. 32, not 2: with a queue of
     * 2 most of the stalled consumer's requests were refused, and in one CI run the few accepted
     * ones did not fill the sockets' buffers to the mark within 30 s (as in UnreadAnswersTest).
     */
    private static final int QUEUE = 32;

    private static final int ANSWER_BYTES = 64 * 1024;
    /**
     * What the provider's count of held bytes adds to a frame's payload: its head, and the 96 bytes
     * Netty counts for every write it holds. A SERVER_BUSY refusal is 72 bytes on the wire, 168 as
     * counted; 128 a refusal was too little, and one CI run held 4.0 MB against a bound of 3.5 MB.
     */
    private static final int PER_FRAME = 256;
    /**
     * More than it takes: with 2 threads and a small queue, most requests of a read are refused
     * SERVER_BUSY, and the answers of the accepted ones must first fill the sockets' buffers before
     * the provider holds its mark; the provider stops reading then, and the writer blocks.
     */
    private static final int REQUESTS = 8_192;

    private Fleet fleet;

    @BeforeEach
    void startFleet() {
        fleet = Fleet.start("slow-consumer");
    }

    @AfterEach
    void closeFleet() {
        fleet.close();
    }

    @Test
    void consumerThatStopsReading_holdsTheProviderToItsHighWaterMark_andOthersAreServed() throws Exception {
        ProviderProcess provider = fleet.startProvider(
                "p1",
                Map.of(
                        "courier.transport.write-buffer-low-water-mark", Integer.toString(LOW_WATER_MARK),
                        "courier.transport.write-buffer-high-water-mark", Integer.toString(HIGH_WATER_MARK),
                        "courier.server.threads", Integer.toString(THREADS),
                        "courier.server.queue-capacity", Integer.toString(QUEUE),
                        // not cut off as idle while the test watches it
                        "courier.transport.heartbeat-interval-millis", "10000"));
        Courier consumer = fleet.consumer(Map.of());
        // A deadline far above a call's time: what is asserted is how the provider answers a consumer that
        // reads (served, or refused SERVER_BUSY), not how fast; a machine whose cores another build takes
        // for seconds must not make a call run out of time and pass for a refusal.
        LedgerService service = consumer.reference(
                LedgerService.class,
                Fleet.referenceOptions().timeoutMillis(20_000).build());
        fleet.awaitServing(service, List.of(provider));

        AtomicLong maxQueued = new AtomicLong();
        long served;
        long refusedOthers;
        long sent;
        try (StalledConsumer stalled = StalledConsumer.connect(provider.endpoint())) {
            stalled.send(REQUESTS, ANSWER_BYTES, fleet.ids());
            // The provider runs the stalled consumer's calls until the sockets' buffers and then its
            // own are full to the mark; from then on it runs none of them (nothing in flight) and holds
            // what the socket would not take.
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        ProviderProcess.Status status = provider.status();
                        maxQueued.accumulateAndGet(status.queuedBytes(), Math::max);
                        return status.queuedBytes() >= HIGH_WATER_MARK && status.inFlight() == 0;
                    });
            Load load = fleet.load(Duration.ofSeconds(30)).add("read", 2, id -> service.read(id, 0));
            long start = System.nanoTime();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        maxQueued.accumulateAndGet(provider.status().queuedBytes(), Math::max);
                        return System.nanoTime() - start
                                        >= Duration.ofSeconds(2).toNanos()
                                && load.completed() - load.failures().size() >= 200;
                    });
            load.stop();
            served = load.completed() - load.failures().size();
            refusedOthers = load.failures().size();
            sent = stalled.sent();
            assertThat(load.failures())
                    .as("failed calls of a consumer that reads")
                    .allSatisfy(
                            failure -> assertThat(failure.failure()).isInstanceOfSatisfying(RpcException.class, e -> {
                                assertThat(e.code()).isEqualTo(ErrorCode.SERVER_BUSY);
                                assertThat(e.notExecuted()).isTrue();
                            }));
            assertThat(served).as("calls of a consumer that reads, served").isGreaterThanOrEqualTo(200);
        }
        // Once the stalled consumer is gone, what it was owed is dropped.
        await().atMost(Duration.ofSeconds(10)).until(() -> provider.status().queuedBytes() == 0);

        // The mark, the answers of the calls already running when it was reached, and the short
        // SERVER_BUSY refusals of requests read meanwhile.
        long bound = HIGH_WATER_MARK + (long) (THREADS + QUEUE) * (ANSWER_BYTES + PER_FRAME) + sent * PER_FRAME;
        Figures.of("a consumer that stops reading (asks for up to 8,192 x 64 KiB, reads nothing)")
                .put("requests it wrote before the provider stopped reading", sent)
                .put("answer bytes it asked for", (long) REQUESTS * ANSWER_BYTES)
                .put("most bytes the provider held for it", maxQueued.get())
                .put("high water mark", HIGH_WATER_MARK)
                .put("bound (mark + answers of running calls + refusals)", bound)
                .put("calls of another consumer served meanwhile", served)
                .put("of its calls refused SERVER_BUSY (executor full at that instant)", refusedOthers)
                .print();

        assertThat(maxQueued.get()).isLessThanOrEqualTo(bound);
        assertThat((long) REQUESTS * ANSWER_BYTES)
                .as("asked for far more than the bound")
                .isGreaterThan(50 * bound);
    }
}

package io.courier.api.event.contract;

import io.courier.api.event.EventPublisher;
import io.courier.api.event.PublishReceipt;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A steady publisher for the fault tests: 10 events every 10 ms (up to 1,000 a second, fewer while a
 * publish blocks), over 24 keys, keeping every future. Closing it stops publishing; the futures go on.
 */
final class PublishLoad implements AutoCloseable {

    private final EventPublisher<ContractOrder> publisher;
    private final List<CompletableFuture<PublishReceipt>> futures = new CopyOnWriteArrayList<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "contract-publish-load");
        thread.setDaemon(true);
        return thread;
    });
    private long next;
    private volatile Throwable lastFailure;

    private PublishLoad(EventPublisher<ContractOrder> publisher) {
        this.publisher = publisher;
    }

    static PublishLoad start(EventPublisher<ContractOrder> publisher) {
        PublishLoad load = new PublishLoad(publisher);
        load.timer.scheduleWithFixedDelay(load::burst, 0, 10, TimeUnit.MILLISECONDS);
        return load;
    }

    private void burst() {
        for (int i = 0; i < 10; i++) {
            long seq = next++;
            String key = "k" + seq % 24;
            CompletableFuture<PublishReceipt> future;
            try {
                future = publisher.publish(key, new ContractOrder("o-" + seq, key, seq));
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            futures.add(future);
            future.whenComplete((receipt, failure) -> {
                if (failure == null) {
                    acknowledged.add(receipt.eventId());
                } else {
                    lastFailure = failure;
                }
            });
        }
    }

    int published() {
        return futures.size();
    }

    /** Acknowledged so far (for progress: a receipt is counted just after its future completes). */
    int acknowledged() {
        return acknowledged.size();
    }

    /** The last publish failure so far, or null: what a stalled wait reports. */
    String lastFailure() {
        return lastFailure == null ? null : lastFailure.toString();
    }

    /** The publishes that failed, once {@link #allDone()}. */
    int failed() {
        return (int) futures.stream()
                .filter(CompletableFuture::isCompletedExceptionally)
                .count();
    }

    boolean allDone() {
        return futures.stream().allMatch(CompletableFuture::isDone);
    }

    /** The ids of the acknowledged events, once {@link #allDone()}. */
    Set<String> acknowledgedIds() {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        for (CompletableFuture<PublishReceipt> future : futures) {
            if (!future.isCompletedExceptionally()) {
                ids.add(future.join().eventId());
            }
        }
        return ids;
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(30, TimeUnit.SECONDS);
    }
}

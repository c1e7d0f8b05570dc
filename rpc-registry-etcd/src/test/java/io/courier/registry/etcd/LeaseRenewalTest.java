package io.courier.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.registry.etcd.internal.client.LeaseRenewal;
import io.courier.registry.etcd.internal.client.QuietTasks;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.LeaseOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A lease kept alive by renewals started on the owner's thread, on a real etcd: renewed past its
 * TTL, lost when etcd forgets it, and stopped only once the renewal in flight has finished writing
 * (the client is closed after that, and gRPC leaks a message still being written at close).
 */
@Timeout(60)
class LeaseRenewalTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final EtcdPerClass ETCD = new EtcdPerClass();

    private Client client;
    private ScheduledExecutorService owner;
    private QuietTasks tasks;
    private final List<String> heard = new CopyOnWriteArrayList<>();

    private final LeaseRenewal.Listener listener = new LeaseRenewal.Listener() {
        @Override
        public void renewed() {
            heard.add("renewed");
        }

        @Override
        public void failed(Throwable error) {
            heard.add("failed");
        }

        @Override
        public void lost(String why) {
            heard.add("lost: " + why);
        }
    };

    @BeforeEach
    void open() {
        client = ETCD.server().client();
        owner = Executors.newSingleThreadScheduledExecutor();
        tasks = new QuietTasks(owner);
    }

    @AfterEach
    void close() throws InterruptedException {
        client.close();
        owner.shutdownNow();
        owner.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void renewals_keepTheLeasePastItsTtl() throws Exception {
        long lease = client.getLeaseClient().grant(1).get(5, TimeUnit.SECONDS).getID();
        LeaseRenewal renewal = onOwner(() -> new LeaseRenewal(client, lease, 1, tasks, listener));

        // a renewal every third of a second: four of them outlast the one-second TTL
        await().atMost(WAIT)
                .until(() -> heard.stream().filter("renewed"::equals).count() >= 4);
        long ttl = client.getLeaseClient()
                .timeToLive(lease, LeaseOption.DEFAULT)
                .get(5, TimeUnit.SECONDS)
                .getTTL();
        assertThat(ttl).as("seconds left on the lease").isPositive();
        assertThat(heard).doesNotContain("failed").noneMatch(h -> h.startsWith("lost"));
        onOwner(renewal::stop).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aLeaseEtcdNoLongerKnows_isLost_andNoLongerRenewed() throws Exception {
        long lease = client.getLeaseClient().grant(3).get(5, TimeUnit.SECONDS).getID();
        onOwner(() -> new LeaseRenewal(client, lease, 3, tasks, listener));
        client.getLeaseClient().revoke(lease).get(5, TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> heard.contains("lost: etcd no longer knows it"));
        int heardWhenLost = heard.size();
        // no renewal follows a loss: nothing more is heard across the next planned one (a second away)
        await().during(Duration.ofMillis(1_500)).atMost(WAIT).until(() -> heard.size() == heardWhenLost);
    }

    @Test
    void stop_completesOnlyOnceTheRenewalInFlightHasFinishedWriting() throws Exception {
        long lease = client.getLeaseClient().grant(30).get(5, TimeUnit.SECONDS).getID();
        LeaseRenewal renewal = onOwner(() -> new LeaseRenewal(client, lease, 30, tasks, listener));
        CompletableFuture<Void> stopped;
        ETCD.server().pause();
        try {
            // etcd is frozen: this renewal waits for its answer, its stream open
            onOwner(() -> {
                renewal.renewNow();
                return null;
            });
            stopped = onOwner(renewal::stop);
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> !stopped.isDone());
        } finally {
            ETCD.server().resume();
        }
        // etcd answers, jetcd half-closes the stream, and only then may the client close
        stopped.get(10, TimeUnit.SECONDS);
        assertThat(heard).as("a stopped renewal reports nothing").isEmpty();
    }

    private <T> T onOwner(Supplier<T> action) throws Exception {
        return owner.submit(action::get).get(5, TimeUnit.SECONDS);
    }
}

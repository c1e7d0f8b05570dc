package io.courier.registry.etcd.internal.coordination;

import io.courier.api.coordination.LeaderElection;
import io.courier.api.coordination.LeadershipListener;
import io.courier.core.coordination.Leadership;
import io.courier.registry.etcd.internal.client.Backoff;
import io.courier.registry.etcd.internal.client.QuietTasks;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.PutOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LeaderElection} on a queue of member keys ordered by create revision: the lowest leads,
 * with its create revision as the fencing token, and every other member looks again when a key of
 * the group is deleted. Leadership ends at once when the lease's renewal fails (and comes back if the
 * key is still first once it is renewed), when the member's key is deleted (its lease expired or was
 * revoked: the member joins again with a new key), and on {@link #close()}.
 *
 * <p>Thread-safe: state changes and the listener's calls run on the coordination's events thread.
 */
final class EtcdElection implements LeaderElection {

    private static final Logger log = LoggerFactory.getLogger(EtcdElection.class);

    private final String group;
    private final String prefix;
    private final String member;
    private final Leadership leadership;
    private final EtcdCoordination coordination;
    private final QuietTasks tasks;
    private final Backoff backoff = new Backoff();
    // confined to the events thread
    private String key; // null while not queued
    private long created;
    private boolean joining;
    private CompletableFuture<Void> wake;
    private String waitingOn;
    private volatile boolean closed;

    EtcdElection(
            String group,
            String prefix,
            String member,
            LeadershipListener listener,
            EtcdCoordination coordination,
            QuietTasks tasks) {
        this.group = group;
        this.prefix = prefix;
        this.member = member;
        this.leadership = new Leadership(group, listener);
        this.coordination = coordination;
        this.tasks = tasks;
    }

    void start() {
        tasks.run(this::join);
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public boolean isLeader() {
        return leadership.held() && !closed && coordination.session().healthy();
    }

    @Override
    public OptionalLong fencingToken() {
        long current = leadership.token();
        return isLeader() ? OptionalLong.of(current) : OptionalLong.empty();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        coordination.forget(this);
        tasks.run(() -> {
            lose();
            if (key != null) {
                coordination.deleteQuietly(key);
                key = null;
            }
        });
    }

    /** Queues a member key under the current lease (none yet: {@link #rejoin} will). */
    private void join() {
        long lease = coordination.session().leaseIdNow();
        if (closed || joining || key != null || lease == 0) {
            return;
        }
        joining = true;
        String candidate = prefix + Long.toHexString(lease) + "-" + coordination.nextSequence();
        coordination
                .client()
                .getKVClient()
                .put(
                        EtcdCoordination.bytes(candidate),
                        EtcdCoordination.bytes(member),
                        PutOption.builder().withLeaseId(lease).build())
                .whenComplete((response, error) -> tasks.run(() -> {
                    joining = false;
                    if (closed) {
                        if (error == null) {
                            coordination.deleteQuietly(candidate);
                        }
                        return;
                    }
                    if (error != null) {
                        long delay = backoff.nextMillis();
                        log.debug("Joining the election of '{}' failed; retrying in {} ms", group, delay, error);
                        tasks.schedule(this::join, delay);
                        return;
                    }
                    backoff.reset();
                    key = candidate;
                    created = response.getHeader().getRevision();
                    coordination.deletions().onDeleted(candidate, () -> keyDeleted(candidate));
                    evaluate();
                }));
    }

    /**
     * Looks at the queue: leads if this member's key is first and the lease is renewed; else waits for
     * its predecessor's key to be deleted (and looks again once that wait is registered, since the
     * predecessor may have gone before the watch listened for it).
     */
    void evaluate() {
        if (closed || key == null) {
            return;
        }
        String ours = key;
        coordination
                .client()
                .getKVClient()
                .get(EtcdCoordination.bytes(prefix), EtcdCoordination.QUEUE_ORDER)
                .whenComplete((response, error) -> tasks.run(() -> {
                    if (closed || !ours.equals(key)) {
                        return;
                    }
                    if (error != null) {
                        tasks.schedule(this::evaluate, backoff.nextMillis());
                        return;
                    }
                    List<KeyValue> queue = response.getKvs();
                    int index = EtcdCoordination.indexOf(queue, ours);
                    if (index == 0) {
                        gain();
                    } else if (index > 0) {
                        waitFor(EtcdCoordination.key(queue.get(index - 1)));
                    } // absent: the deletion of this member's key is on its way (keyDeleted)
                }));
    }

    private void waitFor(String predecessor) {
        if (wake != null && !wake.isDone() && predecessor.equals(waitingOn)) {
            return; // already waiting for it, and it was there after the wait began
        }
        if (wake != null) {
            coordination.deletions().cancel(waitingOn, wake);
        }
        waitingOn = predecessor;
        wake = coordination.deletions().next(predecessor);
        wake.thenRun(() -> tasks.run(this::evaluate));
        evaluate();
    }

    void interrupted() {
        lose();
    }

    /** A new lease replaced a lost one: the old key went with it. */
    void rejoin(long leaseId) {
        if (key != null && !key.startsWith(prefix + Long.toHexString(leaseId) + "-")) {
            coordination.deletions().forget(key);
            key = null;
        }
        lose();
        join();
    }

    private void keyDeleted(String deleted) {
        if (closed || !deleted.equals(key)) {
            return;
        }
        log.warn("The member key of '{}' was deleted (the coordination's lease ended); joining again", group);
        lose();
        key = null;
        join();
    }

    private void gain() {
        if (closed || !coordination.session().healthy()) {
            return;
        }
        leadership.gained(created);
    }

    private void lose() {
        leadership.lost();
    }
}

package io.courier.registry.zookeeper;

import io.courier.api.coordination.CoordinationException;
import io.courier.api.coordination.LeaderElection;
import io.courier.api.coordination.LeadershipListener;
import io.courier.core.coordination.Leadership;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LeaderElection} on Curator's {@link LeaderLatch}. The latch gives up leadership itself
 * when the connection is suspended or lost (Curator's standard error policy), which is what makes
 * {@link #isLeader()} false at once; this class adds the fencing token (its node's {@code czxid},
 * read when leadership is gained) and tells the listener, on the coordination's thread, of each
 * change in turn.
 */
final class ZooKeeperElection implements LeaderElection {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperElection.class);

    private final String group;
    private final LeaderLatch latch;
    private final Leadership leadership;
    private final ZooKeeperCoordination coordination;
    private volatile boolean closed;

    ZooKeeperElection(
            String group,
            CuratorFramework client,
            String path,
            String memberId,
            LeadershipListener listener,
            ZooKeeperCoordination coordination,
            Executor events) {
        this.group = group;
        this.leadership = new Leadership(group, listener);
        this.coordination = coordination;
        this.latch = new LeaderLatch(client, path, memberId, LeaderLatch.CloseMode.NOTIFY_LEADER);
        latch.addListener(
                new LeaderLatchListener() {
                    @Override
                    public void isLeader() {
                        onGained();
                    }

                    @Override
                    public void notLeader() {
                        onLost();
                    }
                },
                events);
    }

    void start() {
        try {
            latch.start();
        } catch (Exception e) {
            throw new CoordinationException("joining the election of '" + group + "' failed: " + e, e);
        }
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public boolean isLeader() {
        return leadership.held() && latch.hasLeadership() && !closed;
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
        try {
            latch.close(); // NOTIFY_LEADER: a leader's listener hears lost()
        } catch (IOException | RuntimeException e) {
            log.warn("Leaving the election of '{}' did not reach ZooKeeper: {}", group, e.toString());
        }
    }

    private void onGained() {
        if (leadership.held() || closed) {
            return;
        }
        long gained;
        try {
            gained = coordination.token(latch.getOurPath());
        } catch (RuntimeException e) {
            // The connection failed right after the election; the latch will report the loss and retry.
            log.warn("Elected leader of '{}' but its node could not be read: {}", group, e.toString());
            return;
        }
        if (!latch.hasLeadership()) {
            return; // lost again meanwhile; the loss event that follows has nothing to report
        }
        leadership.gained(gained);
    }

    private void onLost() {
        leadership.lost();
    }
}

package io.courier.examples.coordination;

import io.courier.api.coordination.Coordination;
import io.courier.api.coordination.LeaderElection;
import io.courier.api.coordination.LeadershipListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job that one instance of the estate runs: the leader of group {@code nightly-report}. It writes
 * with its term's fencing token, so the store refuses a stale leader.
 */
public final class NightlyReport implements LeadershipListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NightlyReport.class);

    private final String instance;
    private final ReportStore store;
    private final LeaderElection election;
    private volatile long token = -1;

    public NightlyReport(String instance, Coordination coordination, ReportStore store) {
        this.instance = instance;
        this.store = store;
        this.election = coordination.joinElection("nightly-report", this);
    }

    @Override
    public void gained(long fencingToken) {
        token = fencingToken;
        log.info("{} leads the nightly report (token {})", instance, fencingToken);
        store.save("report by " + instance, fencingToken);
    }

    @Override
    public void lost() {
        log.info("{} stopped leading the nightly report", instance);
    }

    /** Whether this instance leads now. */
    public boolean leads() {
        return election.isLeader();
    }

    /** The token of the last term this instance led, or -1. */
    public long lastToken() {
        return token;
    }

    @Override
    public void close() {
        election.close();
    }
}

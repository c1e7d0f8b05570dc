package io.courier.core.coordination;

import io.courier.api.coordination.LeadershipListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One election member's leadership as its listener hears of it, on every registry: the fencing token
 * while it leads, and each gain and loss logged and told to the listener once, in turn (a listener that
 * throws is logged). Changes come from one thread, the coordination's; {@link #token()} may be read
 * from any.
 */
public final class Leadership {

    private static final Logger log = LoggerFactory.getLogger(Leadership.class);

    private final String group;
    private final LeadershipListener listener;
    private volatile long token = -1;

    public Leadership(String group, LeadershipListener listener) {
        this.group = group;
        this.listener = listener;
    }

    /** The fencing token while leading, else -1. */
    public long token() {
        return token;
    }

    /** Whether {@link #gained} was the last change. */
    public boolean held() {
        return token >= 0;
    }

    /** Leads with {@code fencingToken} (not negative) and tells the listener; nothing if it already leads. */
    public void gained(long fencingToken) {
        if (token >= 0) {
            return;
        }
        token = fencingToken;
        log.info("Leader of '{}' (fencing token {})", group, fencingToken);
        try {
            listener.gained(fencingToken);
        } catch (RuntimeException e) {
            log.error("The leadership listener of '{}' failed on gained()", group, e);
        }
    }

    /** No longer leads, and tells the listener; nothing if it did not lead. */
    public void lost() {
        if (token < 0) {
            return;
        }
        long ended = token;
        token = -1;
        log.warn("No longer leader of '{}' (fencing token {} ended)", group, ended);
        try {
            listener.lost();
        } catch (RuntimeException e) {
            log.error("The leadership listener of '{}' failed on lost()", group, e);
        }
    }
}

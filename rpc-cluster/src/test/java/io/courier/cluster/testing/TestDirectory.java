package io.courier.cluster.testing;

import io.courier.api.DynamicConfig;
import io.courier.api.ServiceKey;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.Directory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A directory whose candidates and configuration tests set directly. */
public final class TestDirectory implements Directory {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile List<Candidate> candidates;
    private volatile DynamicConfig config = DynamicConfig.EMPTY;

    public TestDirectory(List<? extends Candidate> candidates) {
        this.candidates = List.copyOf(candidates);
    }

    public void set(List<? extends Candidate> updated) {
        candidates = List.copyOf(updated);
        listeners.forEach(Runnable::run);
    }

    public void configure(DynamicConfig updated) {
        config = updated;
        listeners.forEach(Runnable::run);
    }

    public int listenerCount() {
        return listeners.size();
    }

    @Override
    public ServiceKey serviceKey() {
        return Greeter.KEY;
    }

    @Override
    public List<? extends Candidate> candidates() {
        return candidates;
    }

    @Override
    public DynamicConfig config() {
        return config;
    }

    @Override
    public AutoCloseable addListener(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}

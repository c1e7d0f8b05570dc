package io.courier.core.discovery;

import io.courier.api.ServiceInstance;
import java.util.List;
import java.util.function.Consumer;

/**
 * How one subscription's list is fed from its service's shared {@link ProviderFeed}, when a
 * registry puts something between them (the ZooKeeper registry merges Apache Dubbo's providers of
 * the same interface in). Closed with the subscription.
 */
public interface Tap extends AutoCloseable {

    /** The sink added to the service's feed. */
    Consumer<List<ServiceInstance>> sink();

    /** Releases what the tap opened; never throws. */
    @Override
    void close();

    /** The feed's lists straight into {@code list}. */
    static Tap direct(ProviderList list) {
        return new Tap() {
            @Override
            public Consumer<List<ServiceInstance>> sink() {
                return list;
            }

            @Override
            public void close() {}
        };
    }
}

package io.courier.bootstrap.internal.consumer;

import io.courier.api.DynamicConfig;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The timeout of one reference's calls: its own ({@code timeoutMillis}), or the one its dynamic
 * configuration sets live ({@link io.courier.api.LiveSettings#timeoutMillis()}). The transport reads
 * it as each call is sent ({@code TransportClient#invoker(Endpoint, CallOptions, LongSupplier)}), so
 * nothing of this class is on a call's path. Thread-safe.
 */
public final class LiveTimeout implements Consumer<DynamicConfig>, LongSupplier {

    private final long ownMillis;
    private volatile long millis;

    public LiveTimeout(long ownMillis) {
        this.ownMillis = ownMillis;
        this.millis = ownMillis;
    }

    /** Follows {@code config}: its live timeout if set, else the reference's own. */
    @Override
    public void accept(DynamicConfig config) {
        long live = config.live().timeoutMillis();
        millis = live > 0 ? live : ownMillis;
    }

    /** The timeout in force, in milliseconds; read by the transport as each call is sent. */
    @Override
    public long getAsLong() {
        return millis;
    }
}

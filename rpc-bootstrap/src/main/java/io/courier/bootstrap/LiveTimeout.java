package io.courier.bootstrap;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.transport.CallOptions;
import io.courier.transport.TransportClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The timeout of one reference's calls: its own ({@code timeoutMillis}), or the one its dynamic
 * configuration sets live ({@link io.courier.api.LiveSettings#timeoutMillis()}). The transport binds a
 * timeout to each invoker, so {@link #invoker} gives an invoker per endpoint that sends each call
 * through the transport's invoker for the timeout in force (they share the endpoint's connections;
 * making one costs an object). Thread-safe.
 */
final class LiveTimeout implements Consumer<DynamicConfig> {

    private final long ownMillis;
    private volatile long millis;

    LiveTimeout(long ownMillis) {
        this.ownMillis = ownMillis;
        this.millis = ownMillis;
    }

    /** Follows {@code config}: its live timeout if set, else the reference's own. */
    @Override
    public void accept(DynamicConfig config) {
        long live = config.live().timeoutMillis();
        millis = live > 0 ? live : ownMillis;
    }

    /**
     * An invoker for {@code endpoint} whose calls each wait the timeout in force; {@code options}
     * carry the reference's own timeout.
     */
    Invoker invoker(TransportClient client, Endpoint endpoint, CallOptions options) {
        return new Switching(client, endpoint, options, client.invoker(endpoint, options));
    }

    private final class Switching implements Invoker {
        private final TransportClient client;
        private final Endpoint endpoint;
        private final CallOptions options;
        private final Invoker own;
        private final ConcurrentMap<Long, Invoker> others = new ConcurrentHashMap<>();

        Switching(TransportClient client, Endpoint endpoint, CallOptions options, Invoker own) {
            this.client = client;
            this.endpoint = endpoint;
            this.options = options;
            this.own = own;
        }

        @Override
        public CompletableFuture<RpcResult> invoke(Invocation invocation) {
            long timeout = millis;
            if (timeout == ownMillis) {
                return own.invoke(invocation);
            }
            if (others.size() > 8) {
                // timeouts changed often: forget the old ones rather than keep one invoker per value
                others.clear();
            }
            return others.computeIfAbsent(timeout, t -> client.invoker(endpoint, options.withTimeoutMillis(t)))
                    .invoke(invocation);
        }

        @Override
        public boolean available() {
            return own.available();
        }

        @Override
        public String toString() {
            return own.toString();
        }
    }
}

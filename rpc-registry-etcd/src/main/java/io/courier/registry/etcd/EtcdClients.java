package io.courier.registry.etcd;

import io.courier.api.registry.RegistryOptions;
import io.etcd.jetcd.Client;
import java.time.Duration;
import java.util.List;

/** The jetcd client of a registry or a store, with the options' timeouts. */
final class EtcdClients {

    private EtcdClients() {}

    /** jetcd refuses a retry budget that is not longer than its first retry delay (500 ms). */
    private static final Duration MIN_RETRY_DURATION = Duration.ofSeconds(1);

    /**
     * A client of {@code endpoints}. jetcd's own retries end after the connection timeout (at least
     * {@link #MIN_RETRY_DURATION}); the registry's registrar and watches retry for as long as it is
     * open, and the store bounds each operation by the connection timeout itself.
     */
    static Client build(RegistryOptions options, List<String> endpoints) {
        Duration timeout = Duration.ofMillis(options.connectionTimeoutMillis());
        return Client.builder()
                .endpoints(endpoints.toArray(String[]::new))
                .connectTimeout(timeout)
                .retryMaxDuration(timeout.compareTo(MIN_RETRY_DURATION) > 0 ? timeout : MIN_RETRY_DURATION)
                .build();
    }
}

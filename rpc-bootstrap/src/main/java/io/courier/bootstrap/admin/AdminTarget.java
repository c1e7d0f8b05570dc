package io.courier.bootstrap.admin;

import io.courier.api.event.BrokerSnapshot;
import io.courier.bootstrap.status.CourierStatus;
import io.courier.bootstrap.status.ProviderStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The application as its admin endpoint sees it: what it reads and the two switches it may turn.
 * Implemented by the bootstrap over a running {@code Courier}; every method is called on the
 * endpoint's own thread and must not block for long.
 */
public interface AdminTarget {

    /** A snapshot of the application now. */
    CourierStatus status();

    /**
     * Withdraws every exported service from the registry (the services keep serving).
     *
     * @throws IllegalStateException if the application is closing
     */
    void offline();

    /**
     * Publishes the exported services again.
     *
     * @throws IllegalStateException if the application is closing
     */
    void online();

    /** Every configuration key with its effective value and where it came from, secrets unmasked. */
    List<ConfigEntry> configuration();

    /**
     * The application settings whose value in the configuration centre is refused now (the last good
     * value stays in force), by key, each value as the WARN showed it (a secret's hidden); empty when
     * none is, and by default.
     */
    default Map<String, String> rejectedSettings() {
        return Map.of();
    }

    /** The application's meters in the Prometheus text format, or empty if metrics are off. */
    Optional<String> prometheusText();

    /** The server's connections and unanswered calls; empty when nothing is exported (the default). */
    default Optional<ProviderStatus> server() {
        return Optional.empty();
    }

    /**
     * The description of the exported service {@code serviceKey} ({@code [group/]interface[:version]}) in
     * the schema language of the port protocol {@code protocol}: for {@code grpc}, with rpc-grpc on the
     * class path, the service's {@code .proto}. Empty when the application exports no such service or no
     * such protocol describes it; empty by default.
     */
    default Optional<String> describe(String protocol, String serviceKey) {
        return Optional.empty();
    }

    /**
     * A snapshot of the application's event broker ({@code Courier.events()}): its topics, its
     * subscriptions' groups and their lag, asking the brokers for at most about {@code timeout}. Empty
     * when the application has not opened its broker (the endpoint never opens it), and by default.
     */
    default Optional<BrokerSnapshot> events(Duration timeout) {
        return Optional.empty();
    }
}

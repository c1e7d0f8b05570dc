package io.courier.api.event.contract;

/**
 * An {@link EventBrokerHarness} whose broker server the test may kill and start again, for {@link
 * BrokerRestartContract}: the server runs in a process of its own, and comes back on the same ports
 * and the same data, as a broker restarted by its supervisor does.
 */
public interface RestartableBrokerHarness extends EventBrokerHarness {

    /** What is killed and restarted, for the printed counts ({@code "kafka broker"}, {@code "nats 3-node cluster, node n1"}). */
    default String describe() {
        return name() + " broker";
    }

    /** Whether the others keep acknowledging publishes while the killed one is down: a cluster does. */
    default boolean servesWithoutTheKilledNode() {
        return false;
    }

    /**
     * The server's own view of the test's subscriptions, for a failure message ({@code ""} when the
     * harness has none): where a subscriber fell behind, whether the server held its events back.
     */
    default String diagnose() {
        return "";
    }

    /** Kills the server with SIGKILL (no graceful stop, nothing flushed), keeping its data directory. */
    void kill() throws Exception;

    /** Starts the server again on the same ports and data; returns once it accepts connections. */
    void restart() throws Exception;
}

package io.courier.bootstrap;

import io.courier.api.internal.Arguments;
import io.courier.bootstrap.config.ServerKeys;
import java.util.Objects;

/**
 * How the provider side listens and runs calls. Immutable; validated when built. Configuration keys
 * {@code courier.server.*} and the {@link Courier.Builder} end up here.
 *
 * @param host the bind address (default {@code 0.0.0.0}, every interface)
 * @param port the bind port, 0 to 65535 (default 20880; 0 picks a free port)
 * @param advertisedHost the address registered for consumers; empty to derive it from the bind host
 * @param ioThreads Netty event-loop threads; 0 for twice the number of cores
 * @param threads business pool threads (default 200)
 * @param queueCapacity calls that may wait for a pool thread before calls are refused (default 256)
 * @param maxConnections connections open at once (default 10,000)
 * @param frameDeadlineMillis how long a connection may take to finish a started frame (default 10,000)
 */
public record ServerOptions(
        String host,
        int port,
        String advertisedHost,
        int ioThreads,
        int threads,
        int queueCapacity,
        int maxConnections,
        long frameDeadlineMillis) {

    public ServerOptions {
        Arguments.checkNotBlank(host, "host");
        Arguments.checkInRange(port, 0, 65535, "port");
        advertisedHost = Objects.requireNonNullElse(advertisedHost, "");
        Arguments.checkInRange(ioThreads, 0, 1024, "ioThreads");
        Arguments.checkInRange(threads, 1, 10_000, "threads");
        Arguments.checkInRange(queueCapacity, 0, 1_000_000, "queueCapacity");
        Arguments.checkInRange(maxConnections, 1, 1_000_000, "maxConnections");
        Arguments.checkPositive(frameDeadlineMillis, "frameDeadlineMillis");
    }

    public static ServerOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .host(host)
                .port(port)
                .advertisedHost(advertisedHost)
                .ioThreads(ioThreads)
                .threads(threads)
                .queueCapacity(queueCapacity)
                .maxConnections(maxConnections)
                .frameDeadlineMillis(frameDeadlineMillis);
    }

    /** Builds {@link ServerOptions}; starts from the defaults. */
    public static final class Builder {
        private String host = ServerKeys.SERVER_HOST.defaultValue();
        private int port = ServerKeys.SERVER_PORT.defaultValue();
        private String advertisedHost = "";
        private int ioThreads = ServerKeys.SERVER_IO_THREADS.defaultValue();
        private int threads = ServerKeys.SERVER_THREADS.defaultValue();
        private int queueCapacity = ServerKeys.SERVER_QUEUE_CAPACITY.defaultValue();
        private int maxConnections = ServerKeys.SERVER_MAX_CONNECTIONS.defaultValue();
        private long frameDeadlineMillis = ServerKeys.SERVER_FRAME_DEADLINE_MILLIS.defaultValue();

        private Builder() {}

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder advertisedHost(String advertisedHost) {
            this.advertisedHost = advertisedHost;
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder frameDeadlineMillis(long frameDeadlineMillis) {
            this.frameDeadlineMillis = frameDeadlineMillis;
            return this;
        }

        public ServerOptions build() {
            return new ServerOptions(
                    host, port, advertisedHost, ioThreads, threads, queueCapacity, maxConnections, frameDeadlineMillis);
        }
    }
}

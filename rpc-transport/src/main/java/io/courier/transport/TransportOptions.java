package io.courier.transport;

import io.courier.api.internal.Arguments;
import io.courier.protocol.ProtocolOptions;
import io.netty.channel.EventLoopGroup;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link TransportServer} or {@link TransportClient} runs. Immutable; validated when built,
 * with errors that name the option, the value and the expectation.
 *
 * @param ioThreads Netty event-loop threads (default: the number of processors)
 * @param nativeTransport whether to use native epoll on Linux when it is available (default true)
 * @param connectTimeoutMillis how long a client waits for a TCP connection (default 3,000)
 * @param heartbeatIntervalMillis how long a client connection may be silent before it sends a
 *     heartbeat (default 15,000); a connection that receives nothing for {@link #idleTimeoutMillis()}
 *     (three intervals) is closed on either side
 * @param frameDeadlineMillis how long a server connection may take to deliver the rest of a frame
 *     once its first byte arrived (default 10,000); a slower peer is cut off
 * @param maxConnections server connections open at once (default 10,000); more are closed at once
 * @param writeBufferLowWaterMark bytes below which an unwritable connection is writable again
 *     (default 256 KiB)
 * @param writeBufferHighWaterMark queued outbound bytes at which a connection becomes unwritable
 *     (default 1 MiB): a server connection then stops reading requests until its peer reads
 * @param connectionsPerEndpoint client connections to one provider, shared by every call and
 *     multiplexed (default 1)
 * @param reconnectBackoffBaseMillis the client's first wait after a failed connect (default 100),
 *     doubled per further failure
 * @param reconnectBackoffMaxMillis the longest wait between connect attempts (default 30,000)
 * @param reconnectJitter the random fraction, 0 to 1, taken off each wait so that clients do not
 *     reconnect in step (default 0.2)
 * @param executor the executor of services that do not name one (default {@link ExecutorKind#POOL})
 * @param executorThreads threads of the server's bounded pool (default 200)
 * @param executorQueueSize calls the pool may queue when every thread is busy (default 256; 0 for
 *     none, so that a call runs at once or is refused)
 * @param shutdownTimeoutMillis how long a graceful close waits for accepted calls (default 10,000)
 * @param protocol the wire protocol's limits (frame size, attachments, nesting), in both directions
 * @param tls TLS on the connections (default {@link TlsOptions#DISABLED}); see {@code docs/transport.md}
 * @param reconnect background connects, the rate of repeated connects and the demotion of addresses
 *     that keep refusing (default {@link ReconnectPolicy#defaults()})
 * @param adaptivePool whether the pool runs on the IO thread the calls of a method that it has seen
 *     to be always fast (default true; see {@code docs/transport.md}, "Where calls run"): such calls
 *     skip the hand-off to a pool thread, and the first such call that takes a millisecond or more
 *     puts the method back on the pool for good; false keeps every call of a pool service on the pool
 * @param streams the streams' flow-control window and the streams a connection may carry
 * @param hostEventLoops a client only: the host application's event loops (an
 *     {@code EpollEventLoopGroup} or a {@code NioEventLoopGroup}), to run the client's connections
 *     on instead of loops of its own; {@link #ioThreads()} and {@link #nativeTransport()} then do
 *     not apply to the client. The client keeps at least one connection per loop of the group to
 *     each endpoint ({@link #connectionsPerEndpoint()} rounded up to a multiple of the loops), and a
 *     call made on one of the loops goes to a connection on that loop, so that it is written, and
 *     its answer completed, on the caller's thread. The host owns the group: it keeps it running
 *     until the client is closed and shuts it down; the client never does. Default: empty, the
 *     client creates its own loops.
 */
public record TransportOptions(
        int ioThreads,
        boolean nativeTransport,
        long connectTimeoutMillis,
        long heartbeatIntervalMillis,
        long frameDeadlineMillis,
        int maxConnections,
        int writeBufferLowWaterMark,
        int writeBufferHighWaterMark,
        int connectionsPerEndpoint,
        long reconnectBackoffBaseMillis,
        long reconnectBackoffMaxMillis,
        double reconnectJitter,
        ExecutorKind executor,
        int executorThreads,
        int executorQueueSize,
        long shutdownTimeoutMillis,
        ProtocolOptions protocol,
        TlsOptions tls,
        ReconnectPolicy reconnect,
        boolean adaptivePool,
        StreamOptions streams,
        Optional<EventLoopGroup> hostEventLoops) {

    /** Missed heartbeat intervals after which a silent connection is closed. */
    public static final int IDLE_HEARTBEATS = 3;

    public TransportOptions {
        Arguments.checkInRange(ioThreads, 1, 1024, "ioThreads");
        Arguments.checkPositive(connectTimeoutMillis, "connectTimeoutMillis");
        Arguments.checkPositive(heartbeatIntervalMillis, "heartbeatIntervalMillis");
        Arguments.checkPositive(frameDeadlineMillis, "frameDeadlineMillis");
        Arguments.checkPositive(maxConnections, "maxConnections");
        Arguments.checkPositive(writeBufferLowWaterMark, "writeBufferLowWaterMark");
        if (writeBufferHighWaterMark < writeBufferLowWaterMark) {
            throw new IllegalArgumentException("writeBufferHighWaterMark: " + writeBufferHighWaterMark
                    + " (expected: >= writeBufferLowWaterMark " + writeBufferLowWaterMark + ")");
        }
        Arguments.checkInRange(connectionsPerEndpoint, 1, 64, "connectionsPerEndpoint");
        Arguments.checkPositive(reconnectBackoffBaseMillis, "reconnectBackoffBaseMillis");
        if (reconnectBackoffMaxMillis < reconnectBackoffBaseMillis) {
            throw new IllegalArgumentException("reconnectBackoffMaxMillis: " + reconnectBackoffMaxMillis
                    + " (expected: >= reconnectBackoffBaseMillis " + reconnectBackoffBaseMillis + ")");
        }
        if (!(reconnectJitter >= 0 && reconnectJitter <= 1)) {
            throw new IllegalArgumentException("reconnectJitter: " + reconnectJitter + " (expected: 0 to 1)");
        }
        Objects.requireNonNull(executor, "executor");
        Arguments.checkInRange(executorThreads, 1, 10_000, "executorThreads");
        Arguments.checkInRange(executorQueueSize, 0, 1_000_000, "executorQueueSize");
        Arguments.checkPositive(shutdownTimeoutMillis, "shutdownTimeoutMillis");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(hostEventLoops, "hostEventLoops");
    }

    /** How long a connection may receive nothing before it is closed: three heartbeat intervals. */
    public long idleTimeoutMillis() {
        return heartbeatIntervalMillis * IDLE_HEARTBEATS;
    }

    /** The options with every default. */
    public static TransportOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .ioThreads(ioThreads)
                .nativeTransport(nativeTransport)
                .connectTimeoutMillis(connectTimeoutMillis)
                .heartbeatIntervalMillis(heartbeatIntervalMillis)
                .frameDeadlineMillis(frameDeadlineMillis)
                .maxConnections(maxConnections)
                .writeBufferWaterMarks(writeBufferLowWaterMark, writeBufferHighWaterMark)
                .connectionsPerEndpoint(connectionsPerEndpoint)
                .reconnectBackoff(reconnectBackoffBaseMillis, reconnectBackoffMaxMillis)
                .reconnectJitter(reconnectJitter)
                .executor(executor)
                .executorThreads(executorThreads)
                .executorQueueSize(executorQueueSize)
                .shutdownTimeoutMillis(shutdownTimeoutMillis)
                .protocol(protocol)
                .tls(tls)
                .reconnect(reconnect)
                .adaptivePool(adaptivePool)
                .streams(streams)
                .hostEventLoops(hostEventLoops.orElse(null));
    }

    /** Builds {@link TransportOptions}; starts from the defaults. */
    public static final class Builder {
        private int ioThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private boolean nativeTransport = true;
        private long connectTimeoutMillis = 3_000;
        private long heartbeatIntervalMillis = 15_000;
        private long frameDeadlineMillis = 10_000;
        private int maxConnections = 10_000;
        private int writeBufferLowWaterMark = 256 * 1024;
        private int writeBufferHighWaterMark = 1024 * 1024;
        private int connectionsPerEndpoint = 1;
        private long reconnectBackoffBaseMillis = 100;
        private long reconnectBackoffMaxMillis = 30_000;
        private double reconnectJitter = 0.2;
        private ExecutorKind executor = ExecutorKind.POOL;
        private int executorThreads = 200;
        private int executorQueueSize = 256;
        private long shutdownTimeoutMillis = 10_000;
        private ProtocolOptions protocol = ProtocolOptions.defaults();
        private TlsOptions tls = TlsOptions.DISABLED;
        private ReconnectPolicy reconnect = ReconnectPolicy.defaults();
        private boolean adaptivePool = true;
        private StreamOptions streams = StreamOptions.defaults();
        private EventLoopGroup hostEventLoops;

        private Builder() {}

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        public Builder nativeTransport(boolean nativeTransport) {
            this.nativeTransport = nativeTransport;
            return this;
        }

        public Builder connectTimeoutMillis(long connectTimeoutMillis) {
            this.connectTimeoutMillis = connectTimeoutMillis;
            return this;
        }

        public Builder heartbeatIntervalMillis(long heartbeatIntervalMillis) {
            this.heartbeatIntervalMillis = heartbeatIntervalMillis;
            return this;
        }

        public Builder frameDeadlineMillis(long frameDeadlineMillis) {
            this.frameDeadlineMillis = frameDeadlineMillis;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder writeBufferWaterMarks(int low, int high) {
            this.writeBufferLowWaterMark = low;
            this.writeBufferHighWaterMark = high;
            return this;
        }

        public Builder connectionsPerEndpoint(int connectionsPerEndpoint) {
            this.connectionsPerEndpoint = connectionsPerEndpoint;
            return this;
        }

        public Builder reconnectBackoff(long baseMillis, long maxMillis) {
            this.reconnectBackoffBaseMillis = baseMillis;
            this.reconnectBackoffMaxMillis = maxMillis;
            return this;
        }

        public Builder reconnectJitter(double reconnectJitter) {
            this.reconnectJitter = reconnectJitter;
            return this;
        }

        public Builder executor(ExecutorKind executor) {
            this.executor = executor;
            return this;
        }

        public Builder executorThreads(int executorThreads) {
            this.executorThreads = executorThreads;
            return this;
        }

        public Builder executorQueueSize(int executorQueueSize) {
            this.executorQueueSize = executorQueueSize;
            return this;
        }

        public Builder shutdownTimeoutMillis(long shutdownTimeoutMillis) {
            this.shutdownTimeoutMillis = shutdownTimeoutMillis;
            return this;
        }

        public Builder protocol(ProtocolOptions protocol) {
            this.protocol = protocol;
            return this;
        }

        public Builder tls(TlsOptions tls) {
            this.tls = tls;
            return this;
        }

        public Builder reconnect(ReconnectPolicy reconnect) {
            this.reconnect = reconnect;
            return this;
        }

        public Builder adaptivePool(boolean adaptivePool) {
            this.adaptivePool = adaptivePool;
            return this;
        }

        public Builder streams(StreamOptions streams) {
            this.streams = streams;
            return this;
        }

        /**
         * The host application's event loops for a client's connections, or {@code null} for loops
         * of the client's own (see {@link TransportOptions#hostEventLoops()}).
         */
        public Builder hostEventLoops(EventLoopGroup hostEventLoops) {
            this.hostEventLoops = hostEventLoops;
            return this;
        }

        public TransportOptions build() {
            return new TransportOptions(
                    ioThreads,
                    nativeTransport,
                    connectTimeoutMillis,
                    heartbeatIntervalMillis,
                    frameDeadlineMillis,
                    maxConnections,
                    writeBufferLowWaterMark,
                    writeBufferHighWaterMark,
                    connectionsPerEndpoint,
                    reconnectBackoffBaseMillis,
                    reconnectBackoffMaxMillis,
                    reconnectJitter,
                    executor,
                    executorThreads,
                    executorQueueSize,
                    shutdownTimeoutMillis,
                    protocol,
                    tls,
                    reconnect,
                    adaptivePool,
                    streams,
                    Optional.ofNullable(hostEventLoops));
        }
    }
}

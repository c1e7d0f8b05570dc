package io.courier.bootstrap.internal.settings;

import io.courier.bootstrap.CourierOptions;
import io.courier.bootstrap.ServerOptions;
import io.courier.bootstrap.config.ClientKeys;
import io.courier.bootstrap.config.ServerKeys;
import io.courier.bootstrap.config.WireKeys;
import io.courier.bootstrap.internal.config.Settings;
import io.courier.protocol.ProtocolOptions;
import io.courier.transport.ExecutorKind;
import io.courier.transport.ReconnectPolicy;
import io.courier.transport.StreamOptions;
import io.courier.transport.TransportOptions;

/** Builds the transport's and the protocol's options from the configuration. */
public final class TransportSettings {

    private TransportSettings() {}

    public static ProtocolOptions protocol(Settings settings) {
        return ProtocolOptions.builder()
                .maxFrameLength(settings.get(WireKeys.PROTOCOL_MAX_FRAME_LENGTH))
                .maxAttachments(settings.get(WireKeys.PROTOCOL_MAX_ATTACHMENTS))
                .maxAttachmentBytes(settings.get(WireKeys.PROTOCOL_MAX_ATTACHMENT_BYTES))
                .maxDepth(settings.get(WireKeys.PROTOCOL_MAX_DEPTH))
                .maxCollectionLength(settings.get(WireKeys.PROTOCOL_MAX_COLLECTION_LENGTH))
                .maxStringLength(settings.get(WireKeys.PROTOCOL_MAX_STRING_LENGTH))
                .build();
    }

    /** The provider side's options. */
    public static TransportOptions server(Settings settings, CourierOptions options) {
        ServerOptions server = options.server();
        return common(settings, options)
                .ioThreads(threads(server.ioThreads()))
                .frameDeadlineMillis(server.frameDeadlineMillis())
                .maxConnections(server.maxConnections())
                .executor(ExecutorKind.POOL)
                .executorThreads(server.threads())
                .executorQueueSize(server.queueCapacity())
                .adaptivePool(settings.get(ServerKeys.SERVER_ADAPTIVE_POOL))
                .streams(new StreamOptions(
                        StreamOptions.defaults().window(), settings.get(ServerKeys.SERVER_STREAMS_MAX_PER_CONNECTION)))
                .tls(TlsSettings.server(settings))
                .build();
    }

    /** The consumer side's options. */
    public static TransportOptions client(Settings settings, CourierOptions options) {
        return common(settings, options)
                .ioThreads(threads(settings.get(ClientKeys.CLIENT_IO_THREADS)))
                .connectTimeoutMillis(settings.get(ClientKeys.CLIENT_CONNECT_TIMEOUT_MILLIS))
                .reconnectBackoff(
                        settings.get(ClientKeys.CLIENT_RECONNECT_BACKOFF_BASE_MILLIS),
                        settings.get(ClientKeys.CLIENT_RECONNECT_BACKOFF_MAX_MILLIS))
                .reconnect(new ReconnectPolicy(
                        settings.get(ClientKeys.CLIENT_BACKGROUND_CONNECTS),
                        settings.get(ClientKeys.CLIENT_RECONNECTS_PER_SECOND),
                        settings.get(ClientKeys.CLIENT_STALE_AFTER_MILLIS),
                        settings.get(ClientKeys.CLIENT_STALE_RETRY_MILLIS)))
                .streams(new StreamOptions(
                        settings.get(ClientKeys.CLIENT_STREAMS_WINDOW),
                        StreamOptions.defaults().maxStreamsPerConnection()))
                .tls(TlsSettings.client(settings))
                .build();
    }

    private static TransportOptions.Builder common(Settings settings, CourierOptions options) {
        return TransportOptions.builder()
                .nativeTransport(settings.get(WireKeys.TRANSPORT_NATIVE))
                .heartbeatIntervalMillis(settings.get(WireKeys.TRANSPORT_HEARTBEAT_INTERVAL_MILLIS))
                .writeBufferWaterMarks(
                        settings.get(WireKeys.TRANSPORT_WRITE_BUFFER_LOW),
                        settings.get(WireKeys.TRANSPORT_WRITE_BUFFER_HIGH))
                .shutdownTimeoutMillis(options.shutdownTimeoutMillis())
                .protocol(protocol(settings));
    }

    /** 0 means one per core. */
    private static int threads(int configured) {
        return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}

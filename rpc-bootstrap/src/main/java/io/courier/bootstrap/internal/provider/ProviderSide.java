package io.courier.bootstrap.internal.provider;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.config.ConfigKey;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.ServerOptions;
import io.courier.bootstrap.config.ServerKeys;
import io.courier.bootstrap.internal.config.Settings;
import io.courier.bootstrap.status.ProviderStatus;
import io.courier.protocol.serialization.Serializers;
import io.courier.spi.ExtensionLoader;
import io.courier.transport.PortProtocol;
import io.courier.transport.PortProtocolContext;
import io.courier.transport.PortProtocolFactory;
import io.courier.transport.ServiceExport;
import io.courier.transport.ServiceTable;
import io.courier.transport.StreamStats;
import io.courier.transport.TransportOptions;
import io.courier.transport.TransportServer;
import io.courier.transport.TransportStats;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The server of an application that exports services: one port, a table of exported services. */
public final class ProviderSide implements AutoCloseable {

    private final ServiceTable services = new ServiceTable();
    private final TransportServer server;
    private final Endpoint advertised;
    private final List<PortProtocol> otherProtocols;
    private final List<String> otherProtocolNames;

    private ProviderSide(
            ServerOptions options,
            int advertisedPort,
            TransportOptions transport,
            Serializers serializers,
            List<PortProtocol> otherProtocols) {
        InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
        if (address.isUnresolved()) {
            throw new ConfigurationException(ServerKeys.SERVER_HOST.name() + ": '" + options.host()
                    + "' (expected: a resolvable host name or IP address of this machine)");
        }
        try {
            this.server = TransportServer.start(address, transport, serializers, services, otherProtocols);
        } catch (IllegalStateException e) {
            throw new ConfigurationException(ServerKeys.SERVER_PORT.name() + ": '" + options.port()
                    + "' (expected: a port free on " + options.host() + "; " + e.getMessage() + ")");
        }
        this.otherProtocols = List.copyOf(otherProtocols);
        this.otherProtocolNames =
                otherProtocols.stream().map(PortProtocol::name).toList();
        this.advertised = Endpoint.of(
                LocalAddress.advertised(options.host(), options.advertisedHost()),
                advertisedPort == 0 ? server.port() : advertisedPort);
    }

    /**
     * Binds and starts the server.
     *
     * @param advertisedPort the port to register instead of the bound one; 0 for the bound one
     * @param otherProtocols the protocols served on the port beside Courier's ({@link #otherProtocols})
     *
     * @throws ConfigurationException if the host cannot be resolved or the port cannot be bound
     */
    public static ProviderSide start(
            ServerOptions options,
            int advertisedPort,
            TransportOptions transport,
            Serializers serializers,
            List<PortProtocol> otherProtocols) {
        return new ProviderSide(options, advertisedPort, transport, serializers, otherProtocols);
    }

    /**
     * The protocols the {@link PortProtocolFactory} extensions on the class path make for this
     * application (gRPC when rpc-grpc is there), in the order of their names; a factory its
     * configuration turns off makes none.
     */
    public static List<PortProtocol> otherProtocols(Settings settings) {
        ExtensionLoader<PortProtocolFactory> factories = ExtensionLoader.of(PortProtocolFactory.class);
        PortProtocolContext context = new PortProtocolContext() {
            @Override
            public <T> T setting(ConfigKey<T> key) {
                return settings.get(key);
            }
        };
        List<PortProtocol> protocols = new ArrayList<>();
        for (String name : new TreeSet<>(factories.names())) {
            PortProtocol protocol = factories.get(name).create(context);
            if (protocol != null) {
                protocols.add(protocol);
            }
        }
        return List.copyOf(protocols);
    }

    /**
     * Serves {@code export} from now on, once each protocol of the port has accepted it.
     *
     * @throws ConfigurationException with a protocol's reason to refuse it ({@link PortProtocol#check})
     */
    public void add(ServiceExport export) {
        for (PortProtocol protocol : otherProtocols) {
            try {
                protocol.check(export);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(
                        export.key() + " cannot be served by " + protocol.name() + ": " + e.getMessage());
            }
        }
        services.add(export);
    }

    /** Where consumers reach this server: the advertised host and port (by default the bound port). */
    public Endpoint endpoint() {
        return advertised;
    }

    /**
     * What the registry entry of {@code service} says about the protocols the port serves beside
     * Courier's: their names ({@link ServiceInstance#METADATA_PROTOCOLS}) and what each adds for
     * registries that know its layout ({@link PortProtocol#registryMetadata}).
     */
    public Map<String, String> protocolMetadata(ServiceExport service) {
        if (otherProtocols.isEmpty()) {
            return Map.of();
        }
        Map<String, String> metadata = new HashMap<>();
        for (PortProtocol protocol : otherProtocols) {
            metadata.putAll(protocol.registryMetadata(service));
        }
        metadata.put(ServiceInstance.METADATA_PROTOCOLS, String.join(",", otherProtocolNames));
        return Map.copyOf(metadata);
    }

    /**
     * The description of the exported service {@code serviceKey} by the port protocol named {@code
     * protocol} ({@link PortProtocol#describe}); empty when the port serves no such service or protocol.
     */
    public Optional<String> describe(String protocol, String serviceKey) {
        ServiceExport export = services.find(serviceKey);
        if (export == null) {
            return Optional.empty();
        }
        for (PortProtocol other : otherProtocols) {
            if (other.name().equals(protocol)) {
                return other.describe(export);
            }
        }
        return Optional.empty();
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    /** Connections open now; consumers close theirs once they stop calling this provider. */
    public int openConnections() {
        return server.stats().openConnections();
    }

    /** The server's stream totals. */
    public StreamStats streamStats() {
        return server.streamStats();
    }

    /** The server's gauges now. */
    public ProviderStatus status() {
        TransportStats stats = server.stats();
        return new ProviderStatus(stats.openConnections(), stats.inFlight(), stats.queuedOutboundBytes());
    }

    /** Closes gracefully: in-flight calls are answered within the shutdown timeout. */
    @Override
    public void close() {
        server.close();
    }

    /** Closes gracefully, letting in-flight calls finish for up to {@code timeoutMillis}. */
    public void close(long timeoutMillis) {
        server.close(timeoutMillis);
    }
}

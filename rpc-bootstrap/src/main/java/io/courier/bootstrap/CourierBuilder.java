package io.courier.bootstrap;

import io.courier.api.ServiceOptions;
import io.courier.api.config.ConfigKey;
import io.courier.api.registry.RegistryOptions;
import io.courier.bootstrap.config.ApplicationKeys;
import io.courier.bootstrap.config.ClientKeys;
import io.courier.bootstrap.config.RegistryKeys;
import io.courier.bootstrap.config.ServerKeys;
import io.courier.bootstrap.internal.config.Environment;
import io.courier.bootstrap.internal.export.PendingExport;
import io.courier.transport.TlsOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Configures and starts a {@link Courier} application. Every setter stands for one or more
 * configuration keys (see {@code docs/configuration.md}) and beats {@code courier.properties}, system
 * properties and environment variables; invalid values are reported by {@link #start()}, all at
 * once, naming the key, the value and what is expected. {@link #openTelemetry},
 * {@link #meterRegistry} and {@link #clientEventLoops} are the exceptions: they hand over objects,
 * which no key can. Not
 * thread-safe; use one builder per application.
 */
public final class CourierBuilder {

    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<String> scanPackages = new ArrayList<>();
    private final List<String> allowedPackages = new ArrayList<>();
    private final List<PendingExport> exports = new ArrayList<>();
    private final Environment environment;
    private ConfigSource source;
    private OpenTelemetry openTelemetry;
    private MeterRegistry meterRegistry;
    private EventLoopGroup clientEventLoops;
    private final List<ConfigKey<?>> settingKeys = new ArrayList<>();
    private final List<Class<? extends Record>> settingRecords = new ArrayList<>();
    private boolean followSettings;
    private Consumer<Map<String, String>> settingsHost;

    CourierBuilder(Environment environment) {
        this.environment = environment;
    }

    /** Sets {@code courier.application.name}. */
    public CourierBuilder application(String name) {
        return property(ApplicationKeys.APPLICATION_NAME.name(), name);
    }

    /** Sets {@code courier.server.host}, the address the server binds. */
    public CourierBuilder host(String host) {
        return property(ServerKeys.SERVER_HOST.name(), host);
    }

    /** Sets {@code courier.server.port}; 0 picks a free port. */
    public CourierBuilder port(int port) {
        return property(ServerKeys.SERVER_PORT.name(), Integer.toString(port));
    }

    /** Sets every {@code courier.server.*} key from {@code server}. */
    public CourierBuilder server(ServerOptions server) {
        property(ServerKeys.SERVER_HOST.name(), server.host());
        property(ServerKeys.SERVER_PORT.name(), Integer.toString(server.port()));
        property(ServerKeys.SERVER_ADVERTISED_HOST.name(), server.advertisedHost());
        property(ServerKeys.SERVER_IO_THREADS.name(), Integer.toString(server.ioThreads()));
        property(ServerKeys.SERVER_THREADS.name(), Integer.toString(server.threads()));
        property(ServerKeys.SERVER_QUEUE_CAPACITY.name(), Integer.toString(server.queueCapacity()));
        property(ServerKeys.SERVER_MAX_CONNECTIONS.name(), Integer.toString(server.maxConnections()));
        return property(ServerKeys.SERVER_FRAME_DEADLINE_MILLIS.name(), Long.toString(server.frameDeadlineMillis()));
    }

    /**
     * Sets every {@code courier.server.tls.*} key from {@code tls}; a file that {@code tls} leaves
     * out ({@code null}) is left to the other sources. {@link TlsOptions#DISABLED} turns TLS off.
     */
    public CourierBuilder serverTls(TlsOptions tls) {
        property(ServerKeys.SERVER_TLS_ENABLED.name(), Boolean.toString(tls.enabled()));
        tlsFiles(tls, ServerKeys.SERVER_TLS_CERT_CHAIN_FILE, ServerKeys.SERVER_TLS_KEY_FILE);
        path(ServerKeys.SERVER_TLS_TRUST_CERTS_FILE, tls.trustCertsFile());
        property(ServerKeys.SERVER_TLS_KEY_PASSWORD.name(), tls.keyPassword() == null ? "" : tls.keyPassword());
        property(
                ServerKeys.SERVER_TLS_CLIENT_AUTH.name(),
                tls.clientAuth().name().toLowerCase(Locale.ROOT));
        property(ServerKeys.SERVER_TLS_PROTOCOLS.name(), String.join(",", tls.protocols()));
        return property(
                ServerKeys.SERVER_TLS_HANDSHAKE_TIMEOUT_MILLIS.name(), Long.toString(tls.handshakeTimeoutMillis()));
    }

    /**
     * Sets every {@code courier.client.tls.*} key from {@code tls}; a file that {@code tls} leaves
     * out ({@code null}) is left to the other sources. {@link TlsOptions#DISABLED} turns TLS off.
     */
    public CourierBuilder clientTls(TlsOptions tls) {
        property(ClientKeys.CLIENT_TLS_ENABLED.name(), Boolean.toString(tls.enabled()));
        tlsFiles(tls, ClientKeys.CLIENT_TLS_CERT_CHAIN_FILE, ClientKeys.CLIENT_TLS_KEY_FILE);
        path(ClientKeys.CLIENT_TLS_TRUST_CERTS_FILE, tls.trustCertsFile());
        property(ClientKeys.CLIENT_TLS_KEY_PASSWORD.name(), tls.keyPassword() == null ? "" : tls.keyPassword());
        property(ClientKeys.CLIENT_TLS_HOSTNAME_VERIFICATION.name(), Boolean.toString(tls.hostnameVerification()));
        property(ClientKeys.CLIENT_TLS_PROTOCOLS.name(), String.join(",", tls.protocols()));
        return property(
                ClientKeys.CLIENT_TLS_HANDSHAKE_TIMEOUT_MILLIS.name(), Long.toString(tls.handshakeTimeoutMillis()));
    }

    private void tlsFiles(TlsOptions tls, ConfigKey<Path> certChainFile, ConfigKey<Path> keyFile) {
        path(certChainFile, tls.certChainFile());
        path(keyFile, tls.keyFile());
    }

    private void path(ConfigKey<Path> key, Path file) {
        if (file != null) {
            property(key.name(), file.toString());
        }
    }

    /** Sets {@code courier.registry.address}: {@code embedded} or {@code zookeeper://host:port[,host:port]}. */
    public CourierBuilder registry(String address) {
        return property(RegistryKeys.REGISTRY_ADDRESS.name(), address);
    }

    /** Sets every {@code courier.registry.*} key from {@code registry}. */
    public CourierBuilder registry(RegistryOptions registry) {
        property(RegistryKeys.REGISTRY_ADDRESS.name(), registry.address());
        property(RegistryKeys.REGISTRY_ROOT.name(), registry.root());
        property(RegistryKeys.REGISTRY_SESSION_TIMEOUT_MILLIS.name(), Long.toString(registry.sessionTimeoutMillis()));
        property(
                RegistryKeys.REGISTRY_CONNECTION_TIMEOUT_MILLIS.name(),
                Long.toString(registry.connectionTimeoutMillis()));
        property(RegistryKeys.REGISTRY_DIGEST_AUTH.name(), registry.digestAuth());
        if (registry.cacheFile() != null) {
            property(
                    RegistryKeys.REGISTRY_CACHE_FILE.name(),
                    registry.cacheFile().toString());
        }
        property(RegistryKeys.REGISTRY_STRICT_CACHE_FILE.name(), Boolean.toString(registry.strictCacheFile()));
        return property(RegistryKeys.REGISTRY_EMPTY_PROTECTION.name(), Boolean.toString(registry.emptyProtection()));
    }

    /** Adds packages to {@code courier.scan.packages}: their {@code @Export} classes are exported at start. */
    public CourierBuilder scan(String... packages) {
        scanPackages.addAll(List.of(packages));
        return property(ApplicationKeys.SCAN_PACKAGES.name(), String.join(",", scanPackages));
    }

    /** Adds packages to {@code courier.serialization.allowed-packages}. */
    public CourierBuilder allowPackages(String... packages) {
        allowedPackages.addAll(List.of(packages));
        return property(ApplicationKeys.ALLOWED_PACKAGES.name(), String.join(",", allowedPackages));
    }

    /** Sets {@code courier.proxy}: {@code javassist} (the default) or {@code jdk}. */
    public CourierBuilder proxy(String proxyFactory) {
        return property(ApplicationKeys.PROXY.name(), proxyFactory);
    }

    /** Sets {@code courier.shutdown.hook}: whether a JVM shutdown hook closes the application. */
    public CourierBuilder shutdownHook(boolean register) {
        return property(ApplicationKeys.SHUTDOWN_HOOK.name(), Boolean.toString(register));
    }

    /** Sets any key, e.g. {@code property("courier.consumer.timeout-millis", "500")}. */
    public CourierBuilder property(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        properties.put(key, value);
        return this;
    }

    /**
     * Declares the application's own settings records ({@code @ConfigPrefix}), read from every
     * source and followed live in the configuration centre's document of the application
     * ({@link Courier#settings()}, docs/app-configuration.md). With no argument, only follows the
     * document (its {@code logging.level.*} keys).
     */
    @SafeVarargs
    public final CourierBuilder settings(Class<? extends Record>... records) {
        settingRecords.addAll(List.of(records));
        followSettings = true;
        return this;
    }

    /** Declares application keys ({@link ConfigKey#application}), as {@link #settings(Class[])} does records. */
    public CourierBuilder setting(ConfigKey<?>... keys) {
        settingKeys.addAll(List.of(keys));
        followSettings = true;
        return this;
    }

    /**
     * Hands the {@code settings} section of each document of the configuration centre the application
     * takes (every name, declared or not, as text; secrets included) to {@code host}, first during
     * {@link #start()}, then on Courier's thread on each change; implies following the document. Names
     * the application does not declare belong to the host then, and are not reported as unknown. For a
     * host framework that binds settings itself, such as Spring's {@code Environment}.
     */
    public CourierBuilder settingsHost(Consumer<Map<String, String>> host) {
        settingsHost = Objects.requireNonNull(host, "host");
        followSettings = true;
        return this;
    }

    /**
     * Reads keys from {@code source} instead of this JVM's system properties and {@code COURIER_*}
     * environment variables; it comes after this builder's setters and before
     * {@code courier.properties}. For a host framework that already holds both, such as Spring's
     * {@code Environment}.
     *
     * @throws IllegalStateException if one was already given
     */
    public CourierBuilder source(ConfigSource source) {
        if (this.source != null) {
            throw new IllegalStateException("source: already set to " + this.source);
        }
        this.source = Objects.requireNonNull(source, "source");
        return this;
    }

    /**
     * The OpenTelemetry instance the {@code tracing} filter creates spans with and propagates
     * context through (its tracer provider and propagators), instead of
     * {@code GlobalOpenTelemetry.getOrNoop()}. Courier does not close it: it belongs to the caller,
     * who must keep it usable until the application is closed.
     *
     * @throws IllegalStateException if one was already given
     */
    public CourierBuilder openTelemetry(OpenTelemetry openTelemetry) {
        if (this.openTelemetry != null) {
            throw new IllegalStateException("openTelemetry: already set to " + this.openTelemetry);
        }
        this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
        return this;
    }

    /**
     * The Micrometer registry the {@code metrics} filter registers Courier's meters in (when
     * {@code courier.filter.metrics.enabled} is true), instead of a {@code PrometheusMeterRegistry} of
     * its own. The Prometheus endpoint ({@code courier.filter.metrics.prometheus.enabled}) needs it to
     * be, or to contain, a {@code PrometheusMeterRegistry}. Courier does not close it: it belongs to
     * the caller. Meters stay registered after the application closes.
     *
     * @throws IllegalStateException if one was already given
     */
    public CourierBuilder meterRegistry(MeterRegistry meterRegistry) {
        if (this.meterRegistry != null) {
            throw new IllegalStateException("meterRegistry: already set to " + this.meterRegistry);
        }
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        return this;
    }

    /**
     * The host application's Netty event loops (an {@code EpollEventLoopGroup} or a
     * {@code NioEventLoopGroup}) for the consumer's connections to providers, instead of loops of
     * Courier's own ({@code courier.client.io-threads} and {@code courier.transport.native} then do
     * not apply to them). The consumer keeps a connection per loop to each provider, and a call made
     * on one of the loops is written, and its answer completed, on that loop: a host that serves its
     * own connections on the same group (the HTTP gateway) calls providers without a thread
     * hand-off. A call made on one of the loops must not be waited for there (a blocking proxy
     * call, {@code join()}): its answer is read by that same loop. Courier does not shut the group
     * down: it belongs to the caller, who must keep it running until the application is closed.
     *
     * @throws IllegalStateException if one was already given
     */
    public CourierBuilder clientEventLoops(EventLoopGroup clientEventLoops) {
        if (this.clientEventLoops != null) {
            throw new IllegalStateException("clientEventLoops: already set to " + this.clientEventLoops);
        }
        this.clientEventLoops = Objects.requireNonNull(clientEventLoops, "clientEventLoops");
        return this;
    }

    /**
     * Exports {@code implementation} at start: under {@link io.courier.api.Export}'s interface and
     * attributes if the class carries it, else under the single interface it implements, with the
     * configured provider options.
     */
    public CourierBuilder export(Object implementation) {
        exports.add(new PendingExport(Objects.requireNonNull(implementation, "implementation"), null));
        return this;
    }

    /** Exports {@code implementation} at start with exactly {@code options} (configuration does not apply). */
    public CourierBuilder export(Object implementation, ServiceOptions options) {
        exports.add(new PendingExport(
                Objects.requireNonNull(implementation, "implementation"), Objects.requireNonNull(options, "options")));
        return this;
    }

    /**
     * Validates the configuration, exports every scanned and added service, registers them and
     * returns the running application, once the registry has acknowledged the registrations (up to
     * {@code courier.registry.register-wait-millis}, default 5 s; a warning says when the wait ended
     * first), so that a consumer started next finds the services.
     *
     * @throws ConfigurationException if the configuration is wrong; nothing is left running
     */
    public Courier start() {
        return CourierStart.start(this);
    }

    Map<String, String> properties() {
        return properties;
    }

    List<ConfigKey<?>> settingKeys() {
        return settingKeys;
    }

    List<Class<? extends Record>> settingRecords() {
        return settingRecords;
    }

    boolean followSettings() {
        return followSettings;
    }

    /** Given with {@link #settingsHost}, or {@code null}. */
    Consumer<Map<String, String>> settingsHostOrNull() {
        return settingsHost;
    }

    List<PendingExport> exports() {
        return exports;
    }

    Environment environment() {
        return environment;
    }

    /** Given with {@link #source}, or {@code null}. */
    ConfigSource sourceOrNull() {
        return source;
    }

    /** Given with {@link #openTelemetry}, or {@code null}. */
    OpenTelemetry openTelemetryOrNull() {
        return openTelemetry;
    }

    /** Given with {@link #meterRegistry}, or {@code null}. */
    MeterRegistry meterRegistryOrNull() {
        return meterRegistry;
    }

    /** Given with {@link #clientEventLoops}, or {@code null}. */
    EventLoopGroup clientEventLoopsOrNull() {
        return clientEventLoops;
    }
}

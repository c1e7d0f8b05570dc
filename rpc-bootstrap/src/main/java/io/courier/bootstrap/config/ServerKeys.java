package io.courier.bootstrap.config;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ValueType;
import io.courier.transport.TlsOptions;
import io.courier.transport.TransportKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The provider side's server: address, threads, connections, TLS. Listed, with every other holder, by
 * {@link BootstrapKeyCatalog}.
 */
public final class ServerKeys {

    private static final KeyDefinitions KEYS = new KeyDefinitions();

    // --- server (provider side) ---
    public static final ConfigKey<String> SERVER_HOST = KEYS.define(
            "courier.server.host",
            ValueType.nonEmpty("a host name or IP address"),
            "0.0.0.0",
            "0.0.0.0",
            "The address the server binds; 0.0.0.0 binds every interface.");
    public static final ConfigKey<Integer> SERVER_PORT = KEYS.define(
            "courier.server.port",
            ValueType.integer(0, 65535),
            20880,
            "20880",
            "The port the server binds; 0 picks a free port.");
    public static final ConfigKey<String> SERVER_ADVERTISED_HOST = KEYS.define(
            "courier.server.advertised-host",
            ValueType.string(),
            "",
            "(empty)",
            "The address registered for consumers to dial; empty means the bind host, or this machine's first"
                    + " non-loopback address when the bind host is a wildcard.");
    public static final ConfigKey<Integer> SERVER_ADVERTISED_PORT = KEYS.define(
            "courier.server.advertised-port",
            ValueType.integer(0, 65535),
            0,
            "0",
            "The port registered for consumers to dial, when it differs from the bound one (a port mapping or"
                    + " a proxy in between); 0 means the bound port.");
    public static final ConfigKey<Integer> SERVER_IO_THREADS = KEYS.define(
            "courier.server.io-threads",
            ValueType.integer(0, 1024),
            0,
            "0",
            "Netty event-loop threads of the server; 0 means the number of cores.");
    public static final ConfigKey<Integer> SERVER_THREADS = KEYS.list(TransportKeys.SERVER_THREADS);
    public static final ConfigKey<Integer> SERVER_QUEUE_CAPACITY = KEYS.list(TransportKeys.SERVER_QUEUE_CAPACITY);
    public static final ConfigKey<Boolean> SERVER_ADAPTIVE_POOL = KEYS.define(
            "courier.server.adaptive-pool",
            ValueType.bool(),
            true,
            "true",
            "Whether the pool runs on the IO thread the calls of a method it has seen to be always fast (under 100 us), until such a call takes 50 ms, or 1 ms twice within ten seconds; see docs/transport.md.");
    public static final ConfigKey<Integer> SERVER_STREAMS_MAX_PER_CONNECTION =
            KEYS.list(TransportKeys.SERVER_STREAMS_MAX_PER_CONNECTION);
    public static final ConfigKey<Integer> SERVER_MAX_CONNECTIONS = KEYS.define(
            "courier.server.max-connections",
            ValueType.integer(1, 1_000_000),
            10_000,
            "10000",
            "Connections the server keeps open at once; further ones are closed as they arrive.");
    public static final ConfigKey<Long> SERVER_FRAME_DEADLINE_MILLIS = KEYS.define(
            "courier.server.frame-deadline-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            10_000L,
            "10000",
            "How long a connection may take to deliver the rest of a frame once it started; slower peers are cut off.");

    // --- server TLS (see docs/transport.md#tls) ---
    public static final ConfigKey<Boolean> SERVER_TLS_ENABLED = KEYS.define(
            "courier.server.tls.enabled",
            ValueType.bool(),
            false,
            "false",
            "Whether the server accepts TLS connections only; every other courier.server.tls key is ignored when"
                    + " false.");
    public static final ConfigKey<Path> SERVER_TLS_CERT_CHAIN_FILE = KEYS.define(
            "courier.server.tls.cert-chain-file",
            ValueType.path(),
            null,
            "(none)",
            "PEM file with the server's certificate first, then its intermediates; required with TLS.");
    public static final ConfigKey<Path> SERVER_TLS_KEY_FILE = KEYS.define(
            "courier.server.tls.key-file",
            ValueType.path(),
            null,
            "(none)",
            "PEM PKCS#8 file with the private key of the server's certificate; required with TLS.");
    public static final ConfigKey<String> SERVER_TLS_KEY_PASSWORD = KEYS.define(
            "courier.server.tls.key-password",
            ValueType.secretText(),
            "",
            "(empty)",
            "The password of an encrypted key file (BEGIN ENCRYPTED PRIVATE KEY); empty when it is not encrypted.");
    public static final ConfigKey<Path> SERVER_TLS_TRUST_CERTS_FILE = KEYS.define(
            "courier.server.tls.trust-certs-file",
            ValueType.path(),
            null,
            "(none)",
            "PEM file with the CA certificate(s) that sign client certificates; required unless client-auth is"
                    + " none.");
    public static final ConfigKey<String> SERVER_TLS_CLIENT_AUTH = KEYS.define(
            "courier.server.tls.client-auth",
            ValueType.oneOf(Set.of("none", "optional", "require")),
            "none",
            "none",
            "Whether clients must present a certificate: none, optional (verified when sent) or require (mutual"
                    + " TLS).");
    public static final ConfigKey<List<String>> SERVER_TLS_PROTOCOLS = KEYS.define(
            "courier.server.tls.protocols",
            ValueType.someOf(TlsOptions.SUPPORTED_PROTOCOLS),
            TlsOptions.SUPPORTED_PROTOCOLS,
            "TLSv1.3,TLSv1.2",
            "The TLS versions the server accepts.");
    public static final ConfigKey<Long> SERVER_TLS_HANDSHAKE_TIMEOUT_MILLIS = KEYS.define(
            "courier.server.tls.handshake-timeout-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            10_000L,
            "10000",
            "How long a client may take to complete its handshake before the connection is closed.");

    private ServerKeys() {}

    /** The keys defined here, in definition order. */
    static List<ConfigKey<?>> keys() {
        return KEYS.all();
    }
}

package io.courier.bootstrap.config;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ValueType;
import io.courier.transport.TlsOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * The consumer side's client, shared by every reference: connects, reconnects, stale addresses,
 * TLS. Listed, with every other holder, by {@link BootstrapKeyCatalog}.
 */
public final class ClientKeys {

    private static final KeyDefinitions KEYS = new KeyDefinitions();

    // --- client (consumer side, shared by every reference) ---
    public static final ConfigKey<Integer> CLIENT_IO_THREADS = KEYS.define(
            "courier.client.io-threads",
            ValueType.integer(0, 1024),
            0,
            "0",
            "Netty event-loop threads of the client; 0 means the number of cores. Not used when the application is"
                    + " given a host's event loops (`CourierBuilder.clientEventLoops`, as the HTTP gateway does).");
    public static final ConfigKey<Integer> CLIENT_STREAMS_WINDOW = KEYS.define(
            "courier.client.streams.window",
            ValueType.integer(1, 65_536),
            128,
            "128",
            "Messages a stream lets the provider send ahead of its subscriber; bounds what one stream holds on each side (docs/streaming.md).");
    public static final ConfigKey<Long> CLIENT_CONNECT_TIMEOUT_MILLIS = KEYS.define(
            "courier.client.connect-timeout-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            3_000L,
            "3000",
            "How long the client waits for a TCP connection to a provider.");
    public static final ConfigKey<Long> CLIENT_RECONNECT_BACKOFF_BASE_MILLIS = KEYS.define(
            "courier.client.reconnect-backoff-base-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            100L,
            "100",
            "The first wait after a failed connect; doubled after each further failure.");
    public static final ConfigKey<Long> CLIENT_RECONNECT_BACKOFF_MAX_MILLIS = KEYS.define(
            "courier.client.reconnect-backoff-max-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            30_000L,
            "30000",
            "The longest wait between connect attempts.");
    public static final ConfigKey<Integer> CLIENT_BACKGROUND_CONNECTS = KEYS.define(
            "courier.client.background-connects",
            ValueType.integer(1, 1024),
            16,
            "16",
            "Connects to providers the client runs at once in the background; more wait in line.");
    public static final ConfigKey<Integer> CLIENT_RECONNECTS_PER_SECOND = KEYS.define(
            "courier.client.reconnects-per-second",
            ValueType.integer(1, 100_000),
            20,
            "20",
            "Repeated connects (to an address whose last connect failed) the client starts per second, however many addresses fail.");
    public static final ConfigKey<Long> CLIENT_STALE_AFTER_MILLIS = KEYS.define(
            "courier.client.stale-after-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            30_000L,
            "30000",
            "How long an address must keep refusing connections to be demoted (tried rarely, never picked while others are ready).");
    public static final ConfigKey<Long> CLIENT_STALE_RETRY_MILLIS = KEYS.define(
            "courier.client.stale-retry-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            120_000L,
            "120000",
            "The wait between connects to a demoted address.");

    // --- client TLS (see docs/transport.md#tls) ---
    public static final ConfigKey<Boolean> CLIENT_TLS_ENABLED = KEYS.define(
            "courier.client.tls.enabled",
            ValueType.bool(),
            false,
            "false",
            "Whether the client connects to providers with TLS; every other courier.client.tls key is ignored when"
                    + " false.");
    public static final ConfigKey<Path> CLIENT_TLS_CERT_CHAIN_FILE = KEYS.define(
            "courier.client.tls.cert-chain-file",
            ValueType.path(),
            null,
            "(none)",
            "PEM file with the certificate the client presents for mutual TLS, then its intermediates.");
    public static final ConfigKey<Path> CLIENT_TLS_KEY_FILE = KEYS.define(
            "courier.client.tls.key-file",
            ValueType.path(),
            null,
            "(none)",
            "PEM PKCS#8 file with the private key of the client's certificate; set with cert-chain-file.");
    public static final ConfigKey<String> CLIENT_TLS_KEY_PASSWORD = KEYS.define(
            "courier.client.tls.key-password",
            ValueType.secretText(),
            "",
            "(empty)",
            "The password of an encrypted key file (BEGIN ENCRYPTED PRIVATE KEY); empty when it is not encrypted.");
    public static final ConfigKey<Path> CLIENT_TLS_TRUST_CERTS_FILE = KEYS.define(
            "courier.client.tls.trust-certs-file",
            ValueType.path(),
            null,
            "(none)",
            "PEM file with the CA certificate(s) that sign provider certificates; none means the JDK's default CAs.");
    public static final ConfigKey<Boolean> CLIENT_TLS_HOSTNAME_VERIFICATION = KEYS.define(
            "courier.client.tls.hostname-verification",
            ValueType.bool(),
            true,
            "true",
            "Whether a provider's certificate must name the host or IP address the client dialled, as in HTTPS.");
    public static final ConfigKey<List<String>> CLIENT_TLS_PROTOCOLS = KEYS.define(
            "courier.client.tls.protocols",
            ValueType.someOf(TlsOptions.SUPPORTED_PROTOCOLS),
            TlsOptions.SUPPORTED_PROTOCOLS,
            "TLSv1.3,TLSv1.2",
            "The TLS versions the client offers.");
    public static final ConfigKey<Long> CLIENT_TLS_HANDSHAKE_TIMEOUT_MILLIS = KEYS.define(
            "courier.client.tls.handshake-timeout-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            10_000L,
            "10000",
            "How long the handshake and the first round trip may take before the connect fails (CONNECT_FAILED).");

    private ClientKeys() {}

    /** The keys defined here, in definition order. */
    static List<ConfigKey<?>> keys() {
        return KEYS.all();
    }
}

package io.courier.transport;

import io.courier.api.internal.Arguments;
import io.courier.transport.internal.TlsContexts;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * TLS on a {@link TransportServer} or {@link TransportClient}: certificates and keys from PEM files,
 * TLS 1.2 and 1.3 only, the JDK's TLS implementation. Off by default ({@link #DISABLED}). Immutable;
 * validated when built, with errors that name the option, the value and the expectation. The files
 * are read when the server starts or the client is created, not here.
 *
 * <p>A server needs {@code certChainFile} and {@code keyFile}; with {@code clientAuth} {@code
 * REQUIRE} it also needs {@code trustCertsFile}, the CA(s) that sign its clients' certificates
 * (mutual TLS). A client needs nothing (it then trusts the JDK's default CAs), usually
 * {@code trustCertsFile}, and {@code certChainFile} plus {@code keyFile} to present a certificate
 * for mutual TLS.
 *
 * @param enabled whether connections use TLS (default false; every other option is ignored then)
 * @param certChainFile PEM file with this side's certificate first, then its intermediates
 *     (server: required; client: for mutual TLS); null for none
 * @param keyFile PEM file with the private key of the certificate, PKCS#8 ({@code BEGIN PRIVATE
 *     KEY}, or {@code BEGIN ENCRYPTED PRIVATE KEY} with {@code keyPassword}); null for none
 * @param keyPassword the password of an encrypted {@code keyFile}; null when it is not encrypted
 * @param trustCertsFile PEM file with the CA certificate(s) to trust: the client verifies the
 *     server's chain against them, the server its clients' chains; null for the JDK's default CAs
 *     (client only)
 * @param clientAuth whether a server asks its clients for a certificate (default {@code NONE};
 *     ignored by clients)
 * @param hostnameVerification whether a client checks that the server's certificate names the host
 *     it connected to, as HTTPS does: a DNS name against the certificate's DNS names, an IP address
 *     against its IP addresses (default true; ignored by servers)
 * @param protocols the TLS versions allowed, from {@code TLSv1.3} and {@code TLSv1.2} (default both)
 * @param handshakeTimeoutMillis how long a handshake may take before the connection is closed
 *     (default 10,000); on a client it includes the first round trip that proves the server accepted
 *     the handshake
 */
public record TlsOptions(
        boolean enabled,
        Path certChainFile,
        Path keyFile,
        String keyPassword,
        Path trustCertsFile,
        ClientAuth clientAuth,
        boolean hostnameVerification,
        List<String> protocols,
        long handshakeTimeoutMillis) {

    /** The TLS versions Courier accepts, newest first. */
    public static final List<String> SUPPORTED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** No TLS: the default. */
    public static final TlsOptions DISABLED = builder().build();

    /** Whether a server asks its clients for a certificate. */
    public enum ClientAuth {
        /** No client certificate is asked for. */
        NONE,
        /** A client certificate is asked for and verified when sent; a client without one is let in. */
        OPTIONAL,
        /** A client must present a certificate signed by {@code trustCertsFile}: mutual TLS. */
        REQUIRE;

        /** Parses {@code none}, {@code optional} or {@code require}, ignoring case. */
        public static ClientAuth of(String name) {
            Objects.requireNonNull(name, "clientAuth");
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "clientAuth: '" + name + "' (expected: one of none, optional, require)", e);
            }
        }
    }

    public TlsOptions {
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(protocols, "protocols");
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty() || !SUPPORTED_PROTOCOLS.containsAll(protocols)) {
            throw new IllegalArgumentException(
                    "tls.protocols: " + protocols + " (expected: one or more of " + SUPPORTED_PROTOCOLS + ")");
        }
        Arguments.checkPositive(handshakeTimeoutMillis, "tls.handshakeTimeoutMillis");
        if ((certChainFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("tls.keyFile: " + keyFile + " with tls.certChainFile: " + certChainFile
                    + " (expected: both or neither)");
        }
        if (keyPassword != null && keyFile == null) {
            throw new IllegalArgumentException("tls.keyPassword: set without tls.keyFile (expected: both or neither)");
        }
        if (clientAuth != ClientAuth.NONE && trustCertsFile == null) {
            throw new IllegalArgumentException("tls.trustCertsFile: null with tls.clientAuth: " + clientAuth
                    + " (expected: the CA certificate(s) that sign client certificates)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .enabled(enabled)
                .keyCertChain(certChainFile, keyFile, keyPassword)
                .trustCertsFile(trustCertsFile)
                .clientAuth(clientAuth)
                .hostnameVerification(hostnameVerification)
                .protocols(protocols)
                .handshakeTimeoutMillis(handshakeTimeoutMillis);
    }

    /**
     * Checks and parses every file these options name as a server's TLS context would, so that a
     * missing, unreadable or malformed file is reported at start-up, not at the first handshake.
     *
     * @throws IllegalArgumentException naming the option ({@code tls.keyFile}, ...) and the path
     */
    public void checkForServer() {
        TlsContexts.forServer(contextSpec());
    }

    /**
     * As {@link #checkForServer()}, for a client's TLS context.
     *
     * @throws IllegalArgumentException naming the option and the path
     */
    public void checkForClient() {
        TlsContexts.forClient(contextSpec());
    }

    /** What {@link TlsContexts} builds a context from: these options, as values. */
    TlsContexts.Spec contextSpec() {
        return new TlsContexts.Spec(
                certChainFile,
                keyFile,
                keyPassword,
                trustCertsFile,
                switch (clientAuth) {
                    case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
                    case OPTIONAL -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
                    case REQUIRE -> io.netty.handler.ssl.ClientAuth.REQUIRE;
                },
                hostnameVerification,
                protocols,
                toString());
    }

    @Override
    public String toString() {
        // Never the password.
        return "TlsOptions[enabled=" + enabled + ", certChainFile=" + certChainFile + ", keyFile=" + keyFile
                + ", keyPassword=" + (keyPassword == null ? "none" : "***") + ", trustCertsFile=" + trustCertsFile
                + ", clientAuth=" + clientAuth + ", hostnameVerification=" + hostnameVerification + ", protocols="
                + protocols + ", handshakeTimeoutMillis=" + handshakeTimeoutMillis + "]";
    }

    /** Builds {@link TlsOptions}; starts from the defaults (disabled). */
    public static final class Builder {
        private boolean enabled;
        private Path certChainFile;
        private Path keyFile;
        private String keyPassword;
        private Path trustCertsFile;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private boolean hostnameVerification = true;
        private List<String> protocols = SUPPORTED_PROTOCOLS;
        private long handshakeTimeoutMillis = 10_000;

        private Builder() {}

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** This side's certificate chain and its unencrypted private key. */
        public Builder keyCertChain(Path certChainFile, Path keyFile) {
            return keyCertChain(certChainFile, keyFile, null);
        }

        /** This side's certificate chain and its private key, encrypted with {@code keyPassword} if not null. */
        public Builder keyCertChain(Path certChainFile, Path keyFile, String keyPassword) {
            this.certChainFile = certChainFile;
            this.keyFile = keyFile;
            this.keyPassword = keyPassword;
            return this;
        }

        public Builder trustCertsFile(Path trustCertsFile) {
            this.trustCertsFile = trustCertsFile;
            return this;
        }

        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = clientAuth;
            return this;
        }

        public Builder hostnameVerification(boolean hostnameVerification) {
            this.hostnameVerification = hostnameVerification;
            return this;
        }

        public Builder protocols(List<String> protocols) {
            this.protocols = protocols;
            return this;
        }

        public Builder handshakeTimeoutMillis(long handshakeTimeoutMillis) {
            this.handshakeTimeoutMillis = handshakeTimeoutMillis;
            return this;
        }

        public TlsOptions build() {
            return new TlsOptions(
                    enabled,
                    certChainFile,
                    keyFile,
                    keyPassword,
                    trustCertsFile,
                    clientAuth,
                    hostnameVerification,
                    protocols,
                    handshakeTimeoutMillis);
        }
    }
}

package io.courier.transport.internal;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Builds Netty {@link SslContext}s on the JDK's TLS implementation from a {@link Spec}: what
 * {@code TlsOptions} names, handed down so that this helper does not reach back up to it. Every
 * file is checked and parsed here, once, at start-up, so that a missing, unreadable or malformed
 * file fails the server's start or the client's creation with an error naming the option and the
 * path, instead of failing every handshake later.
 */
public final class TlsContexts {

    private TlsContexts() {}

    /**
     * The files and choices of one TLS context, as {@code TlsOptions} holds them; {@code description}
     * is how the options print (never the password), for the error a context that cannot be built gets.
     */
    public record Spec(
            Path certChainFile,
            Path keyFile,
            String keyPassword,
            Path trustCertsFile,
            ClientAuth clientAuth,
            boolean hostnameVerification,
            List<String> protocols,
            String description) {

        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * The server's context.
     *
     * @throws IllegalArgumentException naming the option and path of a missing or invalid file
     */
    public static SslContext forServer(Spec tls) {
        return forServer(tls, List.of());
    }

    /**
     * The server's context, offering {@code alpnIds} in ALPN (other protocols on the port, such as
     * HTTP/2's {@code h2}); a client that offers none of them is served without a protocol chosen.
     *
     * @throws IllegalArgumentException naming the option and path of a missing or invalid file
     */
    public static SslContext forServer(Spec tls, List<String> alpnIds) {
        if (tls.certChainFile() == null) {
            throw new IllegalArgumentException(
                    "tls.certChainFile: null (expected: a PEM certificate chain; a TLS server needs one)");
        }
        X509Certificate[] chain = certificates(tls.certChainFile(), "tls.certChainFile");
        checkReadable(tls.keyFile(), "tls.keyFile");
        SslContextBuilder builder;
        try {
            // Netty parses the PKCS#8 key (and decrypts it with the password) from the file.
            builder = SslContextBuilder.forServer(
                    tls.certChainFile().toFile(), tls.keyFile().toFile(), tls.keyPassword());
        } catch (IllegalArgumentException e) {
            throw keyError(tls, chain, e);
        }
        builder.clientAuth(tls.clientAuth());
        if (tls.trustCertsFile() != null) {
            builder.trustManager(certificates(tls.trustCertsFile(), "tls.trustCertsFile"));
        }
        if (!alpnIds.isEmpty()) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(
                    ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    alpnIds));
        }
        return build(builder, tls);
    }

    /**
     * The client's context.
     *
     * @throws IllegalArgumentException naming the option and path of a missing or invalid file
     */
    public static SslContext forClient(Spec tls) {
        // "HTTPS" identification: RFC 2818 name matching, IP literals against IP address SANs.
        SslContextBuilder builder = SslContextBuilder.forClient()
                .endpointIdentificationAlgorithm(tls.hostnameVerification() ? "HTTPS" : null);
        if (tls.certChainFile() != null) {
            X509Certificate[] chain = certificates(tls.certChainFile(), "tls.certChainFile");
            checkReadable(tls.keyFile(), "tls.keyFile");
            try {
                builder.keyManager(tls.certChainFile().toFile(), tls.keyFile().toFile(), tls.keyPassword());
            } catch (IllegalArgumentException e) {
                throw keyError(tls, chain, e);
            }
        }
        if (tls.trustCertsFile() != null) {
            builder.trustManager(certificates(tls.trustCertsFile(), "tls.trustCertsFile"));
        }
        return build(builder, tls);
    }

    private static IllegalArgumentException keyError(Spec tls, X509Certificate[] chain, IllegalArgumentException e) {
        // The chain was parsed before, so what Netty could not read is the key.
        return new IllegalArgumentException(
                "tls.keyFile: " + tls.keyFile() + " (expected: a PEM PKCS#8 private key"
                        + (tls.keyPassword() == null ? ", unencrypted" : " encrypted with tls.keyPassword")
                        + ", for the certificate " + chain[0].getSubjectX500Principal() + "): " + rootMessage(e),
                e);
    }

    private static SslContext build(SslContextBuilder builder, Spec tls) {
        try {
            return builder.sslProvider(SslProvider.JDK)
                    .protocols(tls.protocols())
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "tls: cannot build a TLS context from " + tls + ": " + rootMessage(e), e);
        }
    }

    private static X509Certificate[] certificates(Path file, String option) {
        checkReadable(file, option);
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate[] certificates = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toArray(X509Certificate[]::new);
            if (certificates.length == 0) {
                throw new IllegalArgumentException(
                        option + ": " + file + " (expected: one or more PEM certificates; found none)");
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    option + ": " + file + " (expected: one or more PEM certificates): " + rootMessage(e), e);
        }
    }

    private static void checkReadable(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + ": " + file + " (expected: an existing file; not found)");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(
                    option + ": " + file + " (expected: a readable file; permission denied)");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }
}

package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.bootstrap.fixtures.greeting.CountingGreeter;
import io.courier.bootstrap.fixtures.greeting.Greeter;
import io.courier.testkit.TestPki;
import io.courier.testkit.TestPki.Issued;
import io.courier.transport.TlsOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS and mutual TLS set through {@code courier.server.tls.*} and {@code courier.client.tls.*}:
 * provider and consumer applications in this JVM, real sockets on 127.0.0.1, certificates made by
 * the test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsConfigurationTest {

    private static final Logger log = LoggerFactory.getLogger(TlsConfigurationTest.class);

    /** Far above what a refusal takes, so that "fails at once" is distinguishable from a hang. */
    private static final long CALL_TIMEOUT_MILLIS = 20_000;

    @TempDir
    static Path dir;

    private static Issued ca;
    private static Issued providerCert;
    private static Issued consumerCert;
    private static Issued rogueConsumerCert;

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestPki pki = new TestPki(dir);
        ca = pki.ca("courier-ca");
        providerCert = pki.leaf(ca, "provider", "127.0.0.1");
        consumerCert = pki.leaf(ca, "consumer", "127.0.0.1");
        rogueConsumerCert = pki.leaf(pki.ca("rogue-ca"), "rogue-consumer", "127.0.0.1");
    }

    @Test
    void tlsConsumer_callsTlsProvider() {
        CountingGreeter service = new CountingGreeter();
        try (Courier provider = tlsProvider("none").export(service).start();
                Courier consumer = tlsConsumer(null).start()) {
            Greeter calls = consumer.reference(Greeter.class, direct(provider.port()));

            assertThat(calls.greet("tls")).isEqualTo("Hello, tls");
            assertThat(service.executions()).isEqualTo(1);
        }
    }

    @Test
    void plainConsumer_cannotCallTlsProvider_andFailsAtOnce() {
        CountingGreeter service = new CountingGreeter();
        try (Courier provider = tlsProvider("none").export(service).start();
                Courier consumer = Environments.builder().start()) {
            Greeter calls = consumer.reference(Greeter.class, direct(provider.port()));

            long start = System.nanoTime();
            assertThatThrownBy(() -> calls.greet("plain"))
                    .isInstanceOfSatisfying(
                            RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NETWORK));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            log.info("plain consumer vs TLS provider: refused after {} ms", millis);
            assertThat(millis).isLessThan(CALL_TIMEOUT_MILLIS / 4);
            assertThat(service.executions()).isZero();
        }
    }

    @Test
    void mutualTls_refusesConsumerWithoutCertificate_orWithUntrustedOne_andServesTrustedOne() {
        CountingGreeter service = new CountingGreeter();
        try (Courier provider = tlsProvider("require").export(service).start();
                Courier anonymous = tlsConsumer(null).start();
                Courier rogue = tlsConsumer(rogueConsumerCert).start();
                Courier trusted = tlsConsumer(consumerCert).start()) {
            for (Courier refused : List.of(anonymous, rogue)) {
                Greeter calls = refused.reference(Greeter.class, direct(provider.port()));
                long start = System.nanoTime();
                assertThatThrownBy(() -> calls.greet("who am i")).isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONNECT_FAILED);
                    assertThat(e.notExecuted()).isTrue();
                });
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                log.info("mutual TLS, consumer without a trusted certificate: refused after {} ms", millis);
                assertThat(millis).isLessThan(CALL_TIMEOUT_MILLIS / 4);
            }
            assertThat(service.executions()).isZero();

            Greeter calls = trusted.reference(Greeter.class, direct(provider.port()));
            assertThat(calls.greet("trusted")).isEqualTo("Hello, trusted");
            assertThat(service.executions()).isEqualTo(1);
        }
    }

    @Test
    void missingKeyFile_failsStartNamingTheKeyAndThePath_andLeavesNothingBehind() {
        Leftovers leftovers = Leftovers.snapshot();
        Path missing = dir.resolve("no-such.key");

        assertThatThrownBy(() -> tlsProvider("none")
                        .property("courier.server.tls.key-file", missing.toString())
                        .export(new CountingGreeter())
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "courier.server.tls.key-file: '" + missing + "' (expected: an existing file; not found)");
        leftovers.assertNoNewThreads();
    }

    @Test
    void inconsistentKeys_areAllReported() {
        assertThatThrownBy(() -> Environments.builder()
                        .property("courier.server.tls.enabled", "true")
                        .property("courier.server.tls.client-auth", "require")
                        .property("courier.client.tls.enabled", "true")
                        .property(
                                "courier.client.tls.key-file",
                                consumerCert.keyFile().toString())
                        .start())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                "courier.server.tls.cert-chain-file: (none) (expected: a PEM file;"
                                        + " courier.server.tls.enabled is true, and a TLS server needs its certificate"
                                        + " chain and key)",
                                "courier.server.tls.key-file: (none) (expected: a PEM file;"
                                        + " courier.server.tls.enabled is true, and a TLS server needs its certificate"
                                        + " chain and key)",
                                "courier.server.tls.trust-certs-file: (none) (expected: the PEM CA certificate(s)"
                                        + " that sign client certificates, since courier.server.tls.client-auth is"
                                        + " require)",
                                "courier.client.tls.cert-chain-file: (none) (expected: set together with"
                                        + " courier.client.tls.key-file, the client's certificate for mutual TLS)"));
    }

    @Test
    void fileThatIsNotPem_failsStartNamingTheKey_andInvalidValuesNameTheirExpectation() {
        assertThatThrownBy(() -> tlsConsumer(null)
                        .property(
                                "courier.client.tls.trust-certs-file",
                                consumerCert.keyFile().toString())
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.client.tls.trust-certs-file: " + consumerCert.keyFile()
                        + " (expected: one or more PEM certificates");
        assertThatThrownBy(() -> Environments.builder()
                        .property("courier.server.tls.client-auth", "always")
                        .property("courier.client.tls.protocols", "TLSv1.1")
                        .property("courier.client.tls.key-password", "s3cret")
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "courier.server.tls.client-auth: 'always' (expected: one of none, optional, require)")
                .hasMessageContaining(
                        "courier.client.tls.protocols: 'TLSv1.1' (expected: one or more of TLSv1.3," + " TLSv1.2)")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void serverTls_setsEveryServerTlsKey() {
        CourierBuilder builder = Environments.builder()
                .serverTls(TlsOptions.builder()
                        .enabled(true)
                        .keyCertChain(providerCert.certFile(), providerCert.keyFile())
                        .trustCertsFile(ca.certFile())
                        .clientAuth(TlsOptions.ClientAuth.OPTIONAL)
                        .protocols(List.of("TLSv1.3"))
                        .handshakeTimeoutMillis(5_000)
                        .build());

        assertThat(builder.properties())
                .containsEntry("courier.server.tls.enabled", "true")
                .containsEntry(
                        "courier.server.tls.cert-chain-file",
                        providerCert.certFile().toString())
                .containsEntry(
                        "courier.server.tls.key-file", providerCert.keyFile().toString())
                .containsEntry("courier.server.tls.key-password", "")
                .containsEntry(
                        "courier.server.tls.trust-certs-file", ca.certFile().toString())
                .containsEntry("courier.server.tls.client-auth", "optional")
                .containsEntry("courier.server.tls.protocols", "TLSv1.3")
                .containsEntry("courier.server.tls.handshake-timeout-millis", "5000");
    }

    private static CourierBuilder tlsProvider(String clientAuth) {
        CourierBuilder builder = Environments.builder()
                .property("courier.server.tls.enabled", "true")
                .property(
                        "courier.server.tls.cert-chain-file",
                        providerCert.certFile().toString())
                .property("courier.server.tls.key-file", providerCert.keyFile().toString())
                .property("courier.server.tls.client-auth", clientAuth);
        if (!clientAuth.equals("none")) {
            builder.property(
                    "courier.server.tls.trust-certs-file", ca.certFile().toString());
        }
        return builder;
    }

    /** A TLS consumer trusting the test CA, presenting {@code certificate} if not null; set through the builder's {@code clientTls}. */
    private static CourierBuilder tlsConsumer(Issued certificate) {
        TlsOptions.Builder tls = TlsOptions.builder().enabled(true).trustCertsFile(ca.certFile());
        if (certificate != null) {
            tls.keyCertChain(certificate.certFile(), certificate.keyFile());
        }
        return Environments.builder().clientTls(tls.build());
    }

    private static ReferenceOptions direct(int port) {
        return ReferenceOptions.builder()
                .directEndpoints(List.of(Endpoint.of("127.0.0.1", port)))
                .timeoutMillis(CALL_TIMEOUT_MILLIS)
                .retries(0)
                .build();
    }
}

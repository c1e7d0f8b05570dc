package io.courier.security;

import static io.courier.security.Apps.direct;
import static io.courier.security.Apps.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import io.courier.testkit.TestPki;
import io.courier.testkit.TestPki.Issued;
import io.courier.transport.TlsOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mutual-TLS peer's identity over real sockets: the implementation sees the client
 * certificate's subject and names through {@code RpcContext}, access rules decide on them, and a
 * certificate from an untrusted CA never gets a call through.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PeerIdentityTest {

    private static final Logger log = LoggerFactory.getLogger(PeerIdentityTest.class);

    @TempDir
    static Path dir;

    private static Issued ca;
    private static CountingOrders orders;
    private static Courier provider;

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = new TestPki(dir);
        ca = pki.ca("courier-ca");
        Issued providerCert = pki.leaf(ca, "provider", "127.0.0.1");
        orders = new CountingOrders();
        provider = Apps.builder()
                .serverTls(TlsOptions.builder()
                        .enabled(true)
                        .keyCertChain(providerCert.certFile(), providerCert.keyFile())
                        .trustCertsFile(ca.certFile())
                        .clientAuth(TlsOptions.ClientAuth.REQUIRE)
                        .build())
                .property("courier.filter.access.certificate-names", "CN=consumer,DNS:orders.internal")
                .export(orders)
                .start();
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void trustedCertificate_isTheCallersIdentity() throws Exception {
        Issued cert = new TestPki(dir).leaf(ca, "consumer", "127.0.0.1");
        try (Courier consumer = consumerWith(cert)) {
            Orders calls = consumer.reference(Orders.class, direct(provider.port()));

            assertThat(calls.whoAmI())
                    .isEqualTo("CERTIFICATE CN=consumer names=[CN=consumer, IP:127.0.0.1] scopes=[] id=null");
        }
    }

    @Test
    void trustedCertificateWithoutANamedPermission_isForbidden() throws Exception {
        Issued cert = new TestPki(dir).leaf(ca, "intruder", "127.0.0.1");
        try (Courier consumer = consumerWith(cert)) {
            Orders calls = consumer.reference(Orders.class, direct(provider.port()));
            int before = orders.executions();

            RpcException refusal = refusal(() -> calls.read("book"), ErrorCode.FORBIDDEN, null);

            assertThat(refusal.getMessage())
                    .contains("access: ")
                    .contains("read(java.lang.String) needs a certificate name of [CN=consumer, DNS:orders.internal]"
                            + " (caller: Identity[CERTIFICATE CN=intruder])");
            assertThat(orders.executions()).isEqualTo(before);
        }
    }

    @Test
    void certificateFromAnUntrustedCa_neverGetsACallThrough() throws Exception {
        TestPki pki = new TestPki(dir);
        Issued rogue = pki.leaf(pki.ca("rogue-ca"), "consumer", "127.0.0.1");
        try (Courier consumer = consumerWith(rogue)) {
            Orders calls = consumer.reference(Orders.class, direct(provider.port()));
            int before = orders.executions();

            RpcException refusal = refusal(() -> calls.read("book"), ErrorCode.CONNECT_FAILED, null);

            log.info("untrusted CA: {}", refusal.getMessage());
            assertThat(orders.executions()).isEqualTo(before);
        }
    }

    private static Courier consumerWith(Issued cert) {
        return Apps.builder()
                .clientTls(TlsOptions.builder()
                        .enabled(true)
                        .trustCertsFile(ca.certFile())
                        .keyCertChain(cert.certFile(), cert.keyFile())
                        .build())
                .start();
    }
}

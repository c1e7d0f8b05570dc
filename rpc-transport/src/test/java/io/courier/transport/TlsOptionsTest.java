package io.courier.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.testkit.TestPki;
import io.courier.testkit.TestPki.Issued;
import io.courier.transport.TlsOptions.ClientAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** TLS options: validation when built, and file errors that name the option and the path at start-up. */
@Timeout(60)
class TlsOptionsTest {

    @TempDir
    Path dir;

    private Issued ca;
    private Issued leaf;

    @BeforeEach
    void makeCertificates() throws Exception {
        TestPki pki = new TestPki(dir);
        ca = pki.ca("ca");
        leaf = pki.leaf(ca, "leaf", "127.0.0.1");
    }

    private static TransportServer start(TlsOptions tls) {
        return Calls.server(Calls.options().tls(tls).build());
    }

    @Test
    void defaults_areTlsOff() {
        TlsOptions tls = TransportOptions.defaults().tls();

        assertThat(tls.enabled()).isFalse();
        assertThat(tls).isEqualTo(TlsOptions.DISABLED);
        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(tls.clientAuth()).isEqualTo(ClientAuth.NONE);
        assertThat(tls.hostnameVerification()).isTrue();
        assertThat(tls.handshakeTimeoutMillis()).isEqualTo(10_000);
    }

    @Test
    void protocolsOlderThanTls12_areRefused() {
        assertThatThrownBy(() -> TlsOptions.builder()
                        .protocols(List.of("TLSv1.3", "TLSv1.1"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tls.protocols: [TLSv1.3, TLSv1.1] (expected: one or more of [TLSv1.3, TLSv1.2])");
        assertThatThrownBy(() -> TlsOptions.builder().protocols(List.of()).build())
                .hasMessageStartingWith("tls.protocols: []");
    }

    @Test
    void certificateWithoutKey_isRefused() {
        assertThatThrownBy(() ->
                        TlsOptions.builder().keyCertChain(leaf.certFile(), null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tls.keyFile: null with tls.certChainFile: " + leaf.certFile()
                        + " (expected: both or neither)");
    }

    @Test
    void requiredClientAuthWithoutTrustedCas_isRefused() {
        assertThatThrownBy(() ->
                        TlsOptions.builder().clientAuth(ClientAuth.REQUIRE).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tls.trustCertsFile: null with tls.clientAuth: REQUIRE");
    }

    @Test
    void nonPositiveHandshakeTimeout_isRefused() {
        assertThatThrownBy(() -> TlsOptions.builder().handshakeTimeoutMillis(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tls.handshakeTimeoutMillis: 0");
    }

    @Test
    void clientAuth_parsesIgnoringCase_andNamesTheChoicesOtherwise() {
        assertThat(ClientAuth.of("Require")).isEqualTo(ClientAuth.REQUIRE);
        assertThatThrownBy(() -> ClientAuth.of("always"))
                .hasMessage("clientAuth: 'always' (expected: one of none, optional, require)");
    }

    @Test
    void toString_neverShowsTheKeyPassword() {
        TlsOptions tls = TlsOptions.builder()
                .keyCertChain(leaf.certFile(), leaf.keyFile(), "s3cret-pass")
                .build();

        assertThat(tls.toString()).doesNotContain("s3cret-pass").contains("keyPassword=***");
    }

    @Test
    void tlsServerWithoutACertificate_failsToStart() {
        assertThatThrownBy(() -> start(TlsOptions.builder().enabled(true).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tls.certChainFile: null (expected: a PEM certificate chain");
    }

    @Test
    void missingKeyFile_failsTheServerStart_namingTheOptionAndPath() {
        Path missing = dir.resolve("no-such.key");

        assertThatThrownBy(() -> start(TlsOptions.builder()
                        .enabled(true)
                        .keyCertChain(leaf.certFile(), missing)
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tls.keyFile: " + missing + " (expected: an existing file; not found)");
    }

    @Test
    void missingTrustFile_failsTheClientCreation_namingTheOptionAndPath() {
        Path missing = dir.resolve("no-such-ca.pem");

        assertThatThrownBy(() -> Calls.client(Calls.options()
                        .tls(TlsOptions.builder()
                                .enabled(true)
                                .trustCertsFile(missing)
                                .build())
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tls.trustCertsFile: " + missing + " (expected: an existing file; not found)");
    }

    @Test
    void fileWithoutCertificates_isRefused_namingTheOptionAndPath() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");

        assertThatThrownBy(() -> start(TlsOptions.builder()
                        .enabled(true)
                        .keyCertChain(garbage, leaf.keyFile())
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tls.certChainFile: " + garbage + " (expected: one or more PEM certificates)");
    }

    @Test
    void certificateInPlaceOfTheKey_isRefused_namingTheKeyOption() {
        assertThatThrownBy(() -> start(TlsOptions.builder()
                        .enabled(true)
                        .keyCertChain(leaf.certFile(), ca.certFile())
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "tls.keyFile: " + ca.certFile() + " (expected: a PEM PKCS#8 private key, unencrypted");
    }

    @Test
    void wrongKeyPassword_isRefused_namingTheKeyOption() throws Exception {
        Path encrypted = new TestPki(dir).encryptedKey(leaf, "right");

        assertThatThrownBy(() -> start(TlsOptions.builder()
                        .enabled(true)
                        .keyCertChain(leaf.certFile(), encrypted, "wrong")
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tls.keyFile: " + encrypted
                        + " (expected: a PEM PKCS#8 private key encrypted with tls.keyPassword");
    }

    @Test
    void certificateChainAndCaBundles_mayHoldSeveralCertificates() throws Exception {
        Path bundle = new TestPki(dir).bundle("bundle", leaf, ca);
        TlsOptions tls = TlsOptions.builder()
                .enabled(true)
                .keyCertChain(bundle, leaf.keyFile())
                .trustCertsFile(bundle)
                .clientAuth(ClientAuth.OPTIONAL)
                .build();

        try (TransportServer server = start(tls)) {
            assertThat(server.port()).isPositive();
        }
    }
}

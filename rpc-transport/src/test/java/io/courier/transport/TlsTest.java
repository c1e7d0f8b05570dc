package io.courier.transport;

import static io.courier.transport.Calls.callOptions;
import static io.courier.transport.Calls.echo;
import static io.courier.transport.Calls.endpoint;
import static io.courier.transport.Calls.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.testkit.TestPki;
import io.courier.testkit.TestPki.Issued;
import io.courier.transport.TlsOptions.ClientAuth;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TLS and mutual TLS over real sockets on 127.0.0.1, with certificates made at test time. */
@Timeout(60)
class TlsTest {

    /** A refused handshake must fail the call long before any call timeout. */
    private static final long PROMPT_SECONDS = 5;

    private static final long CALL_TIMEOUT_MILLIS = 30_000;

    @TempDir
    Path dir;

    private final TestProvider provider = new TestProvider();
    private final List<TransportClient> clients = new ArrayList<>();
    private TransportServer server;
    private Issued ca;
    private Issued serverCert;
    private Issued clientCert;
    private Issued rogueClientCert;

    @BeforeEach
    void makeCertificates() throws Exception {
        TestPki pki = new TestPki(dir);
        ca = pki.ca("courier-test-ca");
        serverCert = pki.leaf(ca, "provider", "127.0.0.1");
        clientCert = pki.leaf(ca, "consumer", "127.0.0.1");
        Issued rogueCa = pki.ca("rogue-ca");
        rogueClientCert = pki.leaf(rogueCa, "rogue-consumer", "127.0.0.1");
    }

    @AfterEach
    void stop() {
        clients.forEach(TransportClient::close);
        if (server != null) {
            server.close();
        }
        provider.close();
    }

    private TlsOptions.Builder serverTls() {
        return TlsOptions.builder().enabled(true).keyCertChain(serverCert.certFile(), serverCert.keyFile());
    }

    private TlsOptions.Builder clientTls() {
        return TlsOptions.builder().enabled(true).trustCertsFile(ca.certFile());
    }

    private void serve(TlsOptions tls) {
        server = Calls.server(Calls.options().tls(tls).build(), provider.export(ExecutorKind.POOL));
    }

    private Invoker client(TlsOptions tls) {
        return client(Calls.options().tls(tls).build());
    }

    private Invoker client(TransportOptions options) {
        TransportClient client = Calls.client(options);
        clients.add(client);
        return client.invoker(endpoint(server), callOptions(CALL_TIMEOUT_MILLIS));
    }

    private static void assertEchoes(Invoker invoker) throws Exception {
        assertThat((byte[]) value(invoker.invoke(echo(new byte[] {4, 2})), 10)).containsExactly(4, 2);
    }

    private static RpcException refusedConnect(Invoker invoker) throws Exception {
        long start = System.nanoTime();
        RpcException failure = Calls.failure(invoker.invoke(echo(new byte[] {1})), PROMPT_SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(PROMPT_SECONDS * 1000);
        assertThat(failure.code()).isEqualTo(ErrorCode.CONNECT_FAILED);
        assertThat(failure.notExecuted()).isTrue();
        assertThat(failure.getMessage()).contains("TLS handshake with 127.0.0.1:");
        return failure;
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void tlsClient_callsTlsProvider(String protocol) throws Exception {
        serve(serverTls().protocols(List.of(protocol)).build());
        Invoker invoker = client(clientTls().build());

        assertEchoes(invoker);
        assertEchoes(invoker);

        assertThat(provider.executed).hasValue(2);
        assertThat(server.stats().openConnections()).isEqualTo(1);
    }

    @Test
    void plainClient_cannotCallTlsProvider_andTheServerKeepsServing() throws Exception {
        serve(serverTls().build());
        Invoker good = client(clientTls().build());
        assertEchoes(good);
        Invoker plain = client(TlsOptions.DISABLED);

        RpcException failure = Calls.failure(plain.invoke(echo(new byte[] {1})), PROMPT_SECONDS);

        // The plain client cannot know why the server hung up: its request reached the socket.
        assertThat(failure.code()).isIn(ErrorCode.NETWORK, ErrorCode.CONNECT_FAILED);
        assertThat(provider.executed).hasValue(1);
        // The plain client keeps reconnecting in the background; once it is gone, the server must be
        // left with exactly the good client's connection.
        clients.get(clients.size() - 1).close();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().openConnections() == 1);
        assertEchoes(good);
        assertEchoes(client(clientTls().build()));
        assertThat(provider.executed).hasValue(3);
    }

    @Test
    void tlsClient_toPlainServer_failsPromptlyAsConnectFailed() throws Exception {
        serve(TlsOptions.DISABLED);
        Invoker invoker = client(clientTls().build());

        assertThat(refusedConnect(invoker).getMessage()).contains("is it serving TLS?");

        assertThat(provider.executed).hasValue(0);
        assertEchoes(client(TlsOptions.DISABLED));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().openConnections() == 1);
    }

    @Test
    void tlsClient_refusesAServerSignedByAnUntrustedCa() throws Exception {
        serve(serverTls().build());
        Invoker invoker = client(TlsOptions.builder()
                .enabled(true)
                .trustCertsFile(rogueClientCert.certFile())
                .build());

        assertThat(refusedConnect(invoker).getMessage()).contains("SSLHandshakeException");
        assertThat(provider.executed).hasValue(0);
    }

    @Test
    void hostnameVerification_refusesACertificateForAnotherAddress() throws Exception {
        Issued elsewhere = new TestPki(dir).leaf(ca, "elsewhere", "10.1.2.3");
        serve(TlsOptions.builder()
                .enabled(true)
                .keyCertChain(elsewhere.certFile(), elsewhere.keyFile())
                .build());

        assertThat(refusedConnect(client(clientTls().build())).getMessage())
                .contains("No subject alternative names matching IP address 127.0.0.1");
        assertEchoes(client(clientTls().hostnameVerification(false).build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void mutualTls_refusesClientsWithoutATrustedCertificate_andServesTrustedOnes(String protocol) throws Exception {
        serve(serverTls()
                .protocols(List.of(protocol))
                .clientAuth(ClientAuth.REQUIRE)
                .trustCertsFile(ca.certFile())
                .build());
        Invoker trusted = client(clientTls()
                .keyCertChain(clientCert.certFile(), clientCert.keyFile())
                .build());
        assertEchoes(trusted);

        assertThat(refusedConnect(client(clientTls().build())).getMessage()).contains("SSLHandshakeException");
        assertEchoes(trusted);
        refusedConnect(client(clientTls()
                .keyCertChain(rogueClientCert.certFile(), rogueClientCert.keyFile())
                .build()));
        assertEchoes(trusted);

        assertThat(provider.executed).hasValue(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().openConnections() == 1);
    }

    @Test
    void encryptedKey_isReadWithItsPassword() throws Exception {
        Path encrypted = new TestPki(dir).encryptedKey(serverCert, "changeit");
        serve(TlsOptions.builder()
                .enabled(true)
                .keyCertChain(serverCert.certFile(), encrypted, "changeit")
                .build());

        assertEchoes(client(clientTls().build()));
    }

    @Test
    void optionalClientAuth_letsInClientsWithoutACertificate() throws Exception {
        serve(serverTls()
                .clientAuth(ClientAuth.OPTIONAL)
                .trustCertsFile(ca.certFile())
                .build());

        assertEchoes(client(clientTls().build()));
        assertEchoes(client(clientTls()
                .keyCertChain(clientCert.certFile(), clientCert.keyFile())
                .build()));
    }

    @Test
    void silentServer_failsTheHandshakeAfterItsTimeout_asConnectFailed() throws Exception {
        // The kernel completes the TCP handshake from the backlog; nobody ever answers the TLS one.
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"))) {
            TransportClient client = Calls.client(Calls.options()
                    .tls(clientTls().handshakeTimeoutMillis(300).build())
                    .build());
            clients.add(client);
            Invoker invoker = client.invoker(Endpoint.of("127.0.0.1", silent.getLocalPort()), callOptions(30_000));

            RpcException failure = Calls.failure(invoker.invoke(echo(new byte[] {1})), PROMPT_SECONDS);

            assertThat(failure.code()).isEqualTo(ErrorCode.CONNECT_FAILED);
            assertThat(failure.notExecuted()).isTrue();
            assertThat(failure.getMessage()).contains("not complete within 300 ms (tls.handshakeTimeoutMillis)");
        }
    }

    @Test
    void refusedHandshake_isAFailedConnect_soTheEndpointRestsInBackoff() throws Exception {
        serve(TlsOptions.DISABLED);
        Invoker invoker = client(Calls.options()
                .tls(clientTls().build())
                .reconnectBackoff(60_000, 60_000)
                .reconnectJitter(0)
                .build());

        refusedConnect(invoker);
        RpcException resting = Calls.failure(invoker.invoke(echo(new byte[] {1})), PROMPT_SECONDS);

        assertThat(resting.code()).isEqualTo(ErrorCode.CONNECT_FAILED);
        assertThat(resting.notExecuted()).isTrue();
        assertThat(resting.getMessage()).contains("1 failed attempts");
    }
}

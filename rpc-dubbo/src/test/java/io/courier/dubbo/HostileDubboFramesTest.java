package io.courier.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import io.courier.dubbo.fixture.Account;
import io.courier.dubbo.fixture.Accounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hostile-frame cases of Courier's own protocol, replayed in Dubbo's framing: each is refused at its
 * documented moment (docs/dubbo.md), runs nothing, and loads no class; a well-formed call on a fresh
 * connection is served afterwards.
 */
@Timeout(60)
class HostileDubboFramesTest {

    private static final int MAX_BODY = 64 * 1024;
    private static final String ACCOUNTS = Accounts.class.getName();

    private AccountsService service;
    private Courier provider;

    @BeforeEach
    void start() {
        start(Map.of());
    }

    /** A provider with the limits of these tests and {@code more} settings. */
    private void start(Map<String, String> more) {
        service = new AccountsService("courier");
        CourierBuilder builder = Courier.builder()
                .application("hostile-dubbo")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .property("courier.dubbo.max-body-bytes", Integer.toString(MAX_BODY))
                .property("courier.dubbo.frame-deadline-millis", "500");
        more.forEach(builder::property);
        provider = builder.export(service).start();
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void wellFormedCall_isAnswered() throws Exception {
        try (Socket socket = connect()) {
            send(socket, hello(1, "dubbo"));
            DubboWire.Frame answer = DubboWire.read(socket.getInputStream());
            assertThat(answer.status()).isEqualTo((byte) 20);
            assertThat(answer.id()).isEqualTo(1);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("hello dubbo");
        }
        assertThat(service.calls).hasValue(1);
    }

    @Test
    void heartbeat_isAnsweredAsAnEvent() throws Exception {
        try (Socket socket = connect()) {
            send(socket, DubboWire.frame(flags(DubboWire.EVENT), 7, new byte[] {'N'}));
            DubboWire.Frame answer = DubboWire.read(socket.getInputStream());
            assertThat(answer.flags() & DubboWire.EVENT).isNotZero();
            assertThat(answer.flags() & DubboWire.REQUEST).isZero();
            assertThat(answer.status()).isEqualTo((byte) 20);
            assertThat(answer.id()).isEqualTo(7);
        }
        assertThat(service.calls).hasValue(0);
    }

    @Test
    void bodyPastTheLimit_isRefusedFromItsHeader_andTheConnectionClosed() throws Exception {
        try (Socket socket = connect()) {
            send(socket, DubboWire.header(flags((byte) 0), 3, MAX_BODY + 1, new byte[0]));
            InputStream in = socket.getInputStream();
            DubboWire.Frame answer = DubboWire.read(in);
            assertThat(answer.status()).isEqualTo((byte) 40);
            assertThat(answer.id()).isEqualTo(3);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("courier.dubbo.max-body-bytes");
            assertThat(DubboWire.closed(in)).isTrue();
        }
        assertThat(service.calls).hasValue(0);
    }

    @Test
    void negativeLength_closesTheConnection() throws Exception {
        try (Socket socket = connect()) {
            send(socket, DubboWire.header(flags((byte) 0), 4, -1, new byte[0]));
            InputStream in = socket.getInputStream();
            assertThat(DubboWire.read(in).status()).isEqualTo((byte) 40);
            assertThat(DubboWire.closed(in)).isTrue();
        }
        assertThat(service.calls).hasValue(0);
    }

    @Test
    void truncatedBody_andSlowloris_areCutOffAtTheFrameDeadline() throws Exception {
        byte[] whole = hello(5, "slow");
        try (Socket truncated = connect();
                Socket trickler = connect()) {
            send(truncated, java.util.Arrays.copyOf(whole, whole.length - 3));
            long start = System.nanoTime();
            OutputStream out = trickler.getOutputStream();
            for (int i = 0; i < 6; i++) {
                out.write(whole[i]);
                out.flush();
                Thread.sleep(150); // the trickle itself: one byte at a time, slower than the deadline allows
            }
            assertThat(DubboWire.closed(truncated.getInputStream())).isTrue();
            assertThat(DubboWire.closed(trickler.getInputStream())).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        }
        assertThat(service.calls).hasValue(0);
    }

    @Test
    void unknownSerialization_isAnsweredBadRequest_andTheConnectionServesOn() throws Exception {
        try (Socket socket = connect()) {
            byte[] body = DubboWire.requestBody(ACCOUNTS, "hello", "Ljava/lang/String;", Map.of(), "x");
            send(socket, DubboWire.frame((byte) (DubboWire.REQUEST | DubboWire.TWO_WAY | 23), 8, body));
            InputStream in = socket.getInputStream();
            DubboWire.Frame answer = DubboWire.read(in);
            assertThat(answer.status()).isEqualTo((byte) 40);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("serialization id 23");
            send(socket, hello(9, "again"));
            assertThat(DubboWire.read(in).status()).isEqualTo((byte) 20);
        }
        assertThat(service.calls).hasValue(1);
    }

    @Test
    void unknownServiceOrMethod_isAnsweredWithoutRunning() throws Exception {
        try (Socket socket = connect()) {
            InputStream in = socket.getInputStream();
            send(
                    socket,
                    request(
                            10,
                            DubboWire.requestBody("com.example.Nope", "hello", "Ljava/lang/String;", Map.of(), "x")));
            DubboWire.Frame noService = DubboWire.read(in);
            assertThat(noService.status()).isEqualTo((byte) 70);
            assertThat(new String(noService.body(), StandardCharsets.UTF_8)).contains("com.example.Nope");
            send(socket, request(11, DubboWire.requestBody(ACCOUNTS, "hello", "J", Map.of(), 1L)));
            DubboWire.Frame noMethod = DubboWire.read(in);
            assertThat(noMethod.status()).isEqualTo((byte) 70);
            assertThat(new String(noMethod.body(), StandardCharsets.UTF_8)).contains("hello(J)");
        }
        assertThat(service.calls).hasValue(0);
    }

    @Test
    void serviceLeftOutOfDubboServe_isAnsweredAsNotExported_whileCourierServesIt() throws Exception {
        provider.close();
        start(Map.of("courier.dubbo.serve", "com.example.Other"));
        try (Socket socket = connect()) {
            send(socket, hello(12, "dubbo"));
            DubboWire.Frame refused = DubboWire.read(socket.getInputStream());
            assertThat(refused.status()).isEqualTo((byte) 70);
            assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("Not found exported service");
        }
        assertThat(service.calls).hasValue(0);
    }

    @Test
    void responseFlags_fromAConsumer_areIgnored_andOneWayCallsRunUnanswered() throws Exception {
        try (Socket socket = connect()) {
            byte[] body = DubboWire.requestBody(ACCOUNTS, "hello", "Ljava/lang/String;", Map.of(), "x");
            // no request bit: a response, which no consumer sends; nothing runs, nothing is answered
            send(socket, DubboWire.frame(DubboWire.HESSIAN2, 20, body));
            // a one-way request: runs, unanswered
            send(socket, DubboWire.frame((byte) (DubboWire.REQUEST | DubboWire.HESSIAN2), 21, body));
            send(socket, hello(22, "after"));
            DubboWire.Frame answer = DubboWire.read(socket.getInputStream());
            assertThat(answer.id()).as("the first answer is the two-way call's").isEqualTo(22);
            assertThat(answer.status()).isEqualTo((byte) 20);
        }
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(service.calls).hasValue(2));
    }

    @Test
    void dubbosTokenAttachment_isCheckedByCouriersTokenFilter() throws Exception {
        provider.close();
        start(Map.of("courier.filter.auth.tokens", "s3cret-token-of-16+"));
        try (Socket socket = connect()) {
            send(socket, hello(30, "nobody"));
            DubboWire.Frame refused = DubboWire.read(socket.getInputStream());
            assertThat(refused.status()).isEqualTo((byte) 70);
            send(
                    socket,
                    request(
                            31,
                            DubboWire.requestBody(
                                    ACCOUNTS,
                                    "hello",
                                    "Ljava/lang/String;",
                                    Map.of("token", "s3cret-token-of-16+"),
                                    "ann")));
            DubboWire.Frame answered = DubboWire.read(socket.getInputStream());
            assertThat(answered.status()).isEqualTo((byte) 20);
            assertThat(new String(answered.body(), StandardCharsets.UTF_8)).contains("hello ann");
        }
        assertThat(service.calls).hasValue(1);
    }

    @Test
    void gadgetClassInTheArguments_isRefusedBeforeItLoads() throws Exception {
        byte[] body =
                DubboWire.requestBody(ACCOUNTS, "deposit", "Lio/courier/dubbo/fixture/Account;J", Map.of(), out -> {
                    // written by hand: writing a Gadget here would load the class in this JVM
                    out.writeObjectBegin(Gadget.class.getName());
                    out.writeClassFieldLength(1);
                    out.writeString("command");
                    out.writeObjectBegin(Gadget.class.getName());
                    out.writeString("touch /tmp/owned");
                    out.writeLong(5);
                });
        try (Socket socket = connect()) {
            send(socket, request(12, body));
            DubboWire.Frame answer = DubboWire.read(socket.getInputStream());
            assertThat(answer.status()).isEqualTo((byte) 40);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains(Gadget.class.getName());
        }
        assertThat(System.getProperty(Gadget.LOADED))
                .as("the gadget class was loaded")
                .isNull();
        assertThat(service.calls).hasValue(0);
    }

    @Test
    void allowedBean_isRead() throws Exception {
        byte[] body = DubboWire.requestBody(
                ACCOUNTS, "deposit", "Lio/courier/dubbo/fixture/Account;J", Map.of(), new Account("ann", 1), 2L);
        try (Socket socket = connect()) {
            send(socket, request(13, body));
            DubboWire.Frame answer = DubboWire.read(socket.getInputStream());
            assertThat(answer.status()).isEqualTo((byte) 20);
        }
        assertThat(service.calls).hasValue(1);
    }

    @Test
    void garbageAfterAFrame_closesTheConnection() throws Exception {
        try (Socket socket = connect()) {
            send(socket, hello(14, "first"));
            InputStream in = socket.getInputStream();
            assertThat(DubboWire.read(in).status()).isEqualTo((byte) 20);
            send(socket, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(DubboWire.closed(in)).isTrue();
        }
        assertThat(service.calls).hasValue(1);
    }

    private static byte flags(byte extra) {
        return (byte) (DubboWire.REQUEST | DubboWire.TWO_WAY | DubboWire.HESSIAN2 | extra);
    }

    private static byte[] request(long id, byte[] body) {
        return DubboWire.frame(flags((byte) 0), id, body);
    }

    private static byte[] hello(long id, String name) throws IOException {
        return request(id, DubboWire.requestBody(ACCOUNTS, "hello", "Ljava/lang/String;", Map.of(), name));
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(10_000);
        socket.connect(new InetSocketAddress("127.0.0.1", provider.port()), 5_000);
        return socket;
    }

    private static void send(Socket socket, byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }
}

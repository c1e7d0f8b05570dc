package io.courier.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RemoteException;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import io.courier.dubbo.fixture.Accounts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Courier consumer against a Dubbo provider that answers badly (a fake one, listed in Dubbo's
 * ZooKeeper layout): a value or an exception naming a gadget class, statuses, an answer of unknown
 * kind, a body past the limit, a truncated answer, bytes that are not a frame. Each call fails with a
 * clear {@link RpcException}, no class named in an answer is loaded, and the consumer calls the
 * provider again once it answers well.
 */
@Timeout(120)
class HostileDubboAnswersTest {

    private static final int MAX_BODY = 64 * 1024;

    private TestingServer zookeeper;
    private FakeDubboProvider provider;
    private Courier consumer;
    private Accounts accounts;

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        provider = new FakeDubboProvider();
        provider.register(zookeeper.getConnectString());
        consumer = Courier.builder()
                .application("courier-consumer")
                .registry("zookeeper://" + zookeeper.getConnectString())
                .shutdownHook(false)
                .property("courier.registry.dubbo-providers", Accounts.class.getName())
                .property("courier.dubbo.max-body-bytes", Integer.toString(MAX_BODY))
                .property("courier.dubbo.frame-deadline-millis", "500")
                .property("courier.client.reconnect-backoff-max-millis", "200")
                .start();
        accounts = consumer.reference(
                Accounts.class,
                ReferenceOptions.builder().retries(0).timeoutMillis(5_000).build());
        assertThat(accounts.server()).isEqualTo("fake");
    }

    @AfterEach
    void stop() throws Exception {
        consumer.close();
        provider.close();
        zookeeper.close();
    }

    @Test
    void valueNamingAGadgetClass_failsTheCall_withoutLoadingIt() {
        provider.answerNext(id -> DubboWire.response((byte) 20, id, valueBody(out -> {
            out.writeObjectBegin(Gadget.class.getName());
            out.writeClassFieldLength(1);
            out.writeString("command");
            out.writeObjectBegin(Gadget.class.getName());
            out.writeString("touch /tmp/pwned");
        })));
        assertThatThrownBy(() -> accounts.server()).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
            assertThat(e.getMessage()).contains(Gadget.class.getName());
        });
        assertThat(System.getProperty(Gadget.LOADED)).isNull();
        assertThat(accounts.server()).as("the connection serves on").isEqualTo("fake");
    }

    @Test
    void exceptionOfAGadgetClass_arrivesAsRemoteException_withoutLoadingIt() {
        provider.answerNext(id -> DubboWire.response((byte) 20, id, body((byte) 0x90, out -> {
            out.writeObjectBegin(Gadget.class.getName());
            out.writeClassFieldLength(2);
            out.writeString("detailMessage");
            out.writeString("command");
            out.writeObjectBegin(Gadget.class.getName());
            out.writeString("boom");
            out.writeString("touch /tmp/pwned");
        })));
        assertThatThrownBy(() -> accounts.server()).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.remoteClassName()).isEqualTo(Gadget.class.getName());
            assertThat(e.getMessage()).contains("boom");
        });
        assertThat(System.getProperty(Gadget.LOADED)).isNull();
    }

    @Test
    void statuses_becomeTheirErrorCodes() {
        provider.answerNext(id -> DubboWire.response((byte) 100, id, text("thread pool is exhausted")));
        assertThatThrownBy(() -> accounts.server()).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SERVER_BUSY);
            assertThat(e.notExecuted()).isTrue();
            assertThat(e.getMessage()).contains("thread pool is exhausted");
        });
        provider.answerNext(id -> DubboWire.response((byte) 80, id, text("it broke")));
        assertThatThrownBy(() -> accounts.server()).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
            assertThat(e.notExecuted()).isFalse();
        });
        provider.answerNext(id -> DubboWire.response((byte) 20, id, new byte[] {(byte) 0x9f}));
        assertThatThrownBy(() -> accounts.server()).isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code())
                .isEqualTo(ErrorCode.SERIALIZATION));
        assertThat(accounts.server()).isEqualTo("fake");
    }

    @Test
    void answerPastTheLimit_closesTheConnection_andTheConsumerReconnects() {
        provider.answerNext(id -> DubboWire.header(DubboWire.HESSIAN2, id, MAX_BODY + 1, new byte[0]));
        expectLostConnection();
    }

    @Test
    void truncatedAnswer_isCutOffAtTheFrameDeadline() {
        provider.answerNext(id -> DubboWire.header(DubboWire.HESSIAN2, id, 100, new byte[10]));
        expectLostConnection();
    }

    @Test
    void bytesThatAreNotAFrame_closeTheConnection() {
        provider.answerNext(id -> "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        expectLostConnection();
    }

    private void expectLostConnection() {
        assertThatThrownBy(() -> accounts.server()).isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code())
                .isEqualTo(ErrorCode.NETWORK));
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .ignoreException(RpcException.class)
                .until(() -> accounts.server().equals("fake"));
    }

    interface Value {
        void write(Hessian2Output out) throws IOException;
    }

    /** A body of kind RESPONSE_VALUE_WITH_ATTACHMENTS (4). */
    private static byte[] valueBody(Value value) {
        return body((byte) 0x94, value);
    }

    private static byte[] body(byte kind, Value value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(kind);
            Hessian2Output out = new Hessian2Output(bytes);
            value.write(out);
            if (kind >= (byte) 0x93) {
                out.writeObject(new HashMap<>());
            }
            out.flushBuffer();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] text(String message) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Hessian2Output out = new Hessian2Output(bytes);
            out.writeString(message);
            out.flushBuffer();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

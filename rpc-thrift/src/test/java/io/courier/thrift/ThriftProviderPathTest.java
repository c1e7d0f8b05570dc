package io.courier.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.Courier;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thrift calls on the provider path Courier's own calls take, from libthrift's stock framed transport: a
 * full executor refuses a call at once with {@code CourierError} {@code SERVER_BUSY} (not executed), and a
 * graceful close lets the call in flight answer before the connection closes; the service's filters (here
 * {@code auth}) judge a Thrift call as any other.
 */
@Timeout(60)
class ThriftProviderPathTest {

    @Test
    void fullExecutor_refusesInWords_andCloseDrainsTheCallInFlight() throws Exception {
        AccountsService accounts = new AccountsService();
        Courier provider = Courier.builder()
                .application("thrift-path")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .property("courier.server.threads", "1")
                .property("courier.server.queue-capacity", "0")
                .property("courier.server.adaptive-pool", "false")
                .export(accounts)
                .start();
        try (ThriftCaller slow = new ThriftCaller(provider.port(), false);
                ThriftCaller refused = new ThriftCaller(provider.port(), true)) {
            slow.send("pause", p -> i64Argument(p, 1_500));
            await().atMost(Duration.ofSeconds(10)).until(() -> accounts.sleeping.get() == 1);

            refused.send("Accounts:counts", ThriftProviderPathTest::noArguments);
            @SuppressWarnings("unchecked")
            Map<Short, Object> error = (Map<Short, Object>) refused.result().get((short) 1);
            assertThat(error)
                    .containsEntry((short) 1, "SERVER_BUSY")
                    .containsEntry((short) 2, 5)
                    .containsEntry((short) 5, true);

            CompletableFuture<Void> closed = CompletableFuture.runAsync(provider::close);
            assertThat(slow.result()).containsEntry((short) 0, 1_500L);
            closed.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> {
                        slow.send("counts", ThriftProviderPathTest::noArguments);
                        slow.result();
                    })
                    .as("closed after its last call")
                    .isInstanceOf(TException.class);
        } finally {
            provider.close();
        }
        assertThat(accounts.executed).hasValue(1);
    }

    /**
     * A framed Thrift message carries no token: a provider whose {@code auth} filter wants one refuses the
     * call {@code FORBIDDEN}, before it runs, as it refuses any caller without one.
     */
    @Test
    void aProviderThatWantsAToken_refusesAThriftCall_unrun() throws Exception {
        AccountsService accounts = new AccountsService();
        try (Courier provider = Courier.builder()
                        .application("thrift-auth")
                        .host("127.0.0.1")
                        .port(0)
                        .shutdownHook(false)
                        .property("courier.filter.auth.tokens", "a-token-of-sixteen-bytes-or-more")
                        .export(accounts)
                        .start();
                ThriftCaller caller = new ThriftCaller(provider.port(), true)) {
            caller.send("counts", ThriftProviderPathTest::noArguments);
            @SuppressWarnings("unchecked")
            Map<Short, Object> error = (Map<Short, Object>) caller.result().get((short) 1);
            assertThat(error)
                    .containsEntry((short) 1, "FORBIDDEN")
                    .containsEntry((short) 2, 9)
                    .containsEntry((short) 5, true);
        }
        assertThat(accounts.executed).hasValue(0);
    }

    private static void i64Argument(TProtocol p, long value) throws TException {
        p.writeStructBegin(new TStruct("args"));
        p.writeFieldBegin(new TField("millis", TType.I64, (short) 1));
        p.writeI64(value);
        p.writeFieldEnd();
        p.writeFieldStop();
        p.writeStructEnd();
    }

    private static void noArguments(TProtocol p) throws TException {
        p.writeStructBegin(new TStruct("args"));
        p.writeFieldStop();
        p.writeStructEnd();
    }
}

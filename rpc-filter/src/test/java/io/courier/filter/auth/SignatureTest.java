package io.courier.filter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceKey;
import io.courier.api.time.Ticker;
import io.courier.filter.Echo;
import io.courier.filter.FakeTicker;
import io.courier.filter.Fixtures;
import io.courier.filter.Outcome;
import io.courier.filter.SharedObjects;
import io.courier.spi.Side;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A consumer signs; what it sends is captured on the "wire", then replayed or altered and handed
 * to the provider directly, as an attacker on the network would.
 */
class SignatureTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-shared";

    private final SharedObjects shared = new SharedObjects();
    private final FakeTicker ticker = new FakeTicker();
    private final AtomicInteger executed = new AtomicInteger();
    private final AtomicReference<Invocation> wire = new AtomicReference<>();
    private Invoker provider;
    private Invoker consumer;

    @BeforeEach
    void setUp() {
        shared.register(Ticker.class, ticker);
        provider = provider(Map.of());
        consumer = Fixtures.chain(
                Side.CONSUMER,
                Echo.class,
                Map.of("courier.filter.consumer-signature.secret", SECRET),
                shared,
                invocation -> {
                    wire.set(invocation);
                    return provider.invoke(invocation);
                });
    }

    @AfterEach
    void close() {
        shared.close();
    }

    @Test
    void signedCall_passes() {
        assertThat(Outcome.of(consumer.invoke(Fixtures.call(Echo.class, "echo", "x")))
                        .ok())
                .isTrue();

        assertThat(wire.get().attachments())
                .containsKeys(RequestSigner.TIMESTAMP, RequestSigner.NONCE, RequestSigner.SIGNATURE);
        assertThat(executed).hasValue(1);
    }

    @Test
    void replayedRequest_isForbidden_andNotExecutedAgain() {
        Outcome.of(consumer.invoke(Fixtures.call(Echo.class, "echo", "x")));

        RpcException refusal = Outcome.of(provider.invoke(wire.get())).rpcFailure();

        assertThat(refusal.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal.getMessage()).contains("replayed");
        assertThat(executed).hasValue(1);
    }

    @Test
    void tamperedRequests_areForbidden() {
        Invocation tagged = Fixtures.call(Echo.class, "echo", "x").withAttachment(RpcContext.TAG, "blue");
        Outcome.of(consumer.invoke(tagged));
        Invocation signed = wire.get();

        Invocation retagged = signed.withAttachment(RpcContext.TAG, "green");
        Invocation otherMethod = Invocation.of(
                signed.serviceKey(), Fixtures.method(Echo.class, "fail"), new Object[] {"x"}, signed.attachments());
        Invocation otherService = Invocation.of(
                new ServiceKey("admin", Echo.class.getName(), ""),
                signed.method(),
                new Object[] {"x"},
                signed.attachments());
        Invocation forgedDeadline = signed.withAttachment("courier.deadline-ms", "999999");
        Invocation forgedSignature = signed.withAttachment(RequestSigner.SIGNATURE, "AAAA");
        Invocation unsigned = signed.withAttachment(RequestSigner.SIGNATURE, null);

        for (Invocation attack :
                new Invocation[] {retagged, otherMethod, otherService, forgedDeadline, forgedSignature, unsigned}) {
            RpcException refusal = Outcome.of(provider.invoke(attack)).rpcFailure();
            assertThat(refusal.code()).as(attack.attachments().toString()).isEqualTo(ErrorCode.FORBIDDEN);
        }
        assertThat(executed).hasValue(1);
    }

    @Test
    void staleAndFutureTimestamps_areForbidden() {
        Outcome.of(consumer.invoke(Fixtures.call(Echo.class, "echo", "x")));
        Invocation signed = wire.get();
        Invocation copy = signed.withAttachment("unsigned-extra", "1");

        ticker.advanceMillis(30_001);
        RpcException stale = Outcome.of(provider.invoke(signed)).rpcFailure();
        ticker.advanceMillis(-60_002);
        RpcException early = Outcome.of(provider.invoke(copy)).rpcFailure();

        assertThat(stale.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(stale.getMessage()).contains("stale");
        assertThat(early.code()).as("a timestamp too far in the future").isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(early.getMessage()).contains("stale");
        assertThat(executed).hasValue(1);
    }

    @Test
    void fullNonceCache_refusesWithServerBusy_untilNoncesExpire() {
        provider = provider(Map.of("courier.filter.signature.nonce-cache-size", "2"));

        assertThat(Outcome.of(consumer.invoke(Fixtures.call(Echo.class, "echo", "1")))
                        .ok())
                .isTrue();
        assertThat(Outcome.of(consumer.invoke(Fixtures.call(Echo.class, "echo", "2")))
                        .ok())
                .isTrue();
        RpcException busy = Outcome.of(consumer.invoke(Fixtures.call(Echo.class, "echo", "3")))
                .rpcFailure();
        assertThat(busy.code()).isEqualTo(ErrorCode.SERVER_BUSY);
        assertThat(busy.notExecuted()).isTrue();

        ticker.advanceMillis(30_001);
        assertThat(Outcome.of(consumer.invoke(Fixtures.call(Echo.class, "echo", "4")))
                        .ok())
                .isTrue();
    }

    @Test
    void differentSecrets_neverVerify() {
        Invoker stranger = Fixtures.chain(
                Side.CONSUMER,
                Echo.class,
                Map.of("courier.filter.consumer-signature.secret", "another-secret-of-enough-length-0123"),
                shared,
                provider);

        assertThat(Outcome.of(stranger.invoke(Fixtures.call(Echo.class, "echo", "x")))
                        .rpcFailure()
                        .getMessage())
                .contains("signature mismatch");
    }

    @Test
    void nonces_neverRepeat() {
        java.util.Set<String> nonces = new java.util.HashSet<>();
        Invoker capture = Fixtures.chain(
                Side.CONSUMER,
                Echo.class,
                Map.of("courier.filter.consumer-signature.secret", SECRET),
                shared,
                invocation -> {
                    nonces.add(invocation.attachment(RequestSigner.NONCE));
                    return CompletableFuture.completedFuture(RpcResult.of(null));
                });

        for (int i = 0; i < 1_000; i++) {
            capture.invoke(Fixtures.call(Echo.class, "echo", "x")).join();
        }

        assertThat(nonces).hasSize(1_000);
    }

    @Test
    void shortSecret_failsBinding_withoutRevealingIt() {
        assertThatThrownBy(() -> new SignatureFilter()
                        .bind(Fixtures.context(
                                Side.PROVIDER,
                                Echo.class,
                                Map.of("courier.filter.signature.secret", "too-short"),
                                shared)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("courier.filter.signature.secret: (hidden, 9 bytes) (expected: at least 32 bytes)");
    }

    private Invoker provider(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(extra);
        properties.put("courier.filter.signature.secret", SECRET);
        return Fixtures.chain(Side.PROVIDER, Echo.class, properties, shared, Fixtures.implementation(invocation -> {
            executed.incrementAndGet();
            return "ok";
        }));
    }
}

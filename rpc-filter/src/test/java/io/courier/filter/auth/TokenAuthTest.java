package io.courier.filter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.filter.Echo;
import io.courier.filter.Fixtures;
import io.courier.filter.Outcome;
import io.courier.filter.SharedObjects;
import io.courier.spi.Side;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenAuthTest {

    private static final String TOKEN = "s3cret-token-0123456789";
    private static final String OLD_TOKEN = "old-token-9876543210zyx";

    private final SharedObjects shared = new SharedObjects();
    private final AtomicInteger executed = new AtomicInteger();
    private final AtomicReference<Invocation> served = new AtomicReference<>();
    private final Invoker provider = Fixtures.chain(
            Side.PROVIDER,
            Echo.class,
            Map.of("courier.filter.auth.tokens", TOKEN + ", " + OLD_TOKEN),
            shared,
            Fixtures.implementation(invocation -> {
                executed.incrementAndGet();
                served.set(invocation);
                return "ok";
            }));

    @AfterEach
    void close() {
        shared.close();
    }

    @Test
    void wrongToken_isForbidden_andNotExecuted() {
        Invoker consumer = consumerWithToken("wrong-token-0123456789");

        RpcException refusal = Outcome.of(consumer.invoke(Fixtures.call(Echo.class, "echo", "x")))
                .rpcFailure();

        assertThat(refusal.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal.notExecuted()).isTrue();
        assertThat(refusal.getMessage()).contains("wrong token").doesNotContain(TOKEN, "wrong-token");
        assertThat(executed).hasValue(0);
    }

    @Test
    void missingToken_isForbidden() {
        Invoker consumer = Fixtures.chain(Side.CONSUMER, Echo.class, Map.of(), shared, provider);

        RpcException refusal = Outcome.of(consumer.invoke(Fixtures.call(Echo.class, "echo", "x")))
                .rpcFailure();

        assertThat(refusal.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal.getMessage()).contains("no token");
        assertThat(executed).hasValue(0);
    }

    @Test
    void acceptedTokens_pass_andTheImplementationNeverSeesThem() {
        assertThat(Outcome.of(consumerWithToken(TOKEN).invoke(Fixtures.call(Echo.class, "echo", "x")))
                        .ok())
                .isTrue();
        assertThat(Outcome.of(consumerWithToken(OLD_TOKEN).invoke(Fixtures.call(Echo.class, "echo", "x")))
                        .ok())
                .isTrue();

        assertThat(executed).hasValue(2);
        assertThat(served.get().attachments()).doesNotContainKey(TokenAuthFilter.TOKEN);
    }

    @Test
    void shortTokens_failBinding_withoutRevealingThem() {
        assertThatThrownBy(() -> new TokenAuthFilter()
                        .bind(Fixtures.context(
                                Side.PROVIDER, Echo.class, Map.of("courier.filter.auth.tokens", "tiny"), shared)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("courier.filter.auth.tokens: (hidden, 4 bytes) (expected: at least 16 bytes)");
        assertThat(new TokenAuthFilter().bind(Fixtures.context(Side.PROVIDER, Echo.class, Map.of(), shared)))
                .isNull();
    }

    private Invoker consumerWithToken(String token) {
        return Fixtures.chain(
                Side.CONSUMER, Echo.class, Map.of("courier.filter.consumer-auth.token", token), shared, provider);
    }
}
